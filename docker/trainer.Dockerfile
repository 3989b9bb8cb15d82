# Image for the Spark trainer (batch-trainer), built from the repository root:
#   docker build -f docker/trainer.Dockerfile .
# Its classes, its runtime jars (Spark's ~200, not shaded: see batch-trainer/pom.xml) and the JVM
# options Spark needs on Java 17 (batch-trainer/jvm.options), run in local mode; on a cluster,
# spark-submit brings Spark and this image is not needed (batch-trainer/README.md).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -pl batch-trainer -am install -DskipTests \
    && ./mvnw -B -q -pl batch-trainer dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/app/lib \
    && cp -r batch-trainer/target/classes /app/classes \
    && cp batch-trainer/jvm.options /app/jvm.options

FROM eclipse-temurin:17-jre
COPY --from=build /app /app
RUN mkdir -p /var/lib/vigil/trainer && chown 1001 /var/lib/vigil/trainer
USER 1001
WORKDIR /var/lib/vigil/trainer
ENTRYPOINT ["java", "@/app/jvm.options", "-Xmx2g", "-cp", "/app/classes:/app/lib/*", "dev.vigil.trainer.TrainerCli"]
