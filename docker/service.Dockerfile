# One image recipe for every Vigil Quarkus service, built from the repository root:
#   docker build -f docker/service.Dockerfile --build-arg MODULE=ingest-service .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN ./mvnw -B -q -pl ${MODULE} -am package -DskipTests

FROM eclipse-temurin:17-jre
ARG MODULE
WORKDIR /app
COPY --from=build /src/${MODULE}/target/quarkus-app/ /app/
# Containers listen on all interfaces; the local stack binds 127.0.0.1.
ENV QUARKUS_HTTP_HOST=0.0.0.0
# State that outlives a container (the scorer's RocksDB stores) goes to a volume mounted under here;
# a named volume takes the ownership of the folder it is mounted on.
RUN mkdir -p /var/lib/vigil/scorer && chown -R 1001 /var/lib/vigil
USER 1001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/quarkus-run.jar"]
