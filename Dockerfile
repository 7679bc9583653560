# Build stage: compile and package the executable jar.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY conf conf
COPY src src
RUN mvn -B -q -DskipTests package

# Run stage: a JRE, the jar and the documented configuration, as an unprivileged user.
FROM eclipse-temurin:17-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app segments
WORKDIR /app
COPY --from=build /src/target/crm-segments.jar /app/crm-segments.jar
COPY conf /app/conf
USER segments
ENV SEGMENTS_HTTP_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${SEGMENTS_HTTP_PORT}/health" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/crm-segments.jar"]
CMD ["serve"]
