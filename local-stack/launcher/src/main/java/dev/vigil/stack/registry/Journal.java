package dev.vigil.stack.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Append-only file of {@link Event}s, one JSON object a line, forced to disk before an append
 * returns: a schema id the registry answered with is never lost, because records on the topics
 * refer to it forever.
 */
final class Journal implements AutoCloseable {

    private final Path file;
    private final ObjectMapper json;
    private final FileChannel channel;

    Journal(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json;
        try {
            Files.createDirectories(file.getParent());
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the registry journal " + file, e);
        }
    }

    /** Every event written so far, oldest first. A torn last line (a crash mid-append) is skipped. */
    List<Event> readAll() {
        List<Event> events = new ArrayList<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                try {
                    events.add(json.readValue(line, Event.class));
                } catch (IOException e) {
                    if (i < lines.size() - 1) {
                        throw new IllegalStateException("corrupt registry journal " + file + " at line " + (i + 1), e);
                    }
                    // only an append that never returned can be torn, and its id was never handed out
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry journal " + file, e);
        }
        return events;
    }

    void append(Event event) {
        try {
            byte[] line = (json.writeValueAsString(event) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the registry journal " + file, e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
