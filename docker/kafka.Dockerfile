# The Kafka broker with the Prometheus JMX exporter agent, both at the versions the root pom pins
# (kafka.broker.version, jmx.exporter.version), as the local stack runs them. Built from the repository root.
FROM eclipse-temurin:17-jdk AS agent
WORKDIR /src
COPY . .
# the agent as local-stack/kafka-broker resolves it, without a version in its file name
RUN ./mvnw -B -q -pl local-stack/kafka-broker dependency:copy-dependencies -DincludeScope=provided \
      -DincludeArtifactIds=jmx_prometheus_javaagent -Dmdep.stripVersion=true -DoutputDirectory=/agent

FROM apache/kafka:4.4.0
COPY --from=agent /agent/jmx_prometheus_javaagent.jar /opt/jmx-exporter/jmx_prometheus_javaagent.jar
