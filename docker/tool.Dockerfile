# Image for Vigil's command-line tools (load-generator), built from the repository root:
#   docker build -f docker/tool.Dockerfile --build-arg MODULE=load-generator .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
ARG MODULE
RUN ./mvnw -B -q -pl ${MODULE} -am package -DskipTests && cp ${MODULE}/target/vigil-${MODULE}.jar /tool.jar

FROM eclipse-temurin:17-jre
COPY --from=build /tool.jar /app/tool.jar
USER 1001
ENTRYPOINT ["java", "-jar", "/app/tool.jar"]
