# Prepbot: build with the Maven wrapper on a JDK 21, run on a JRE 21 as a non-root user.
#   docker build -t prepbot .
#   docker run -d --name prepbot -e DISCORD_TOKEN=... -v prepbot-data:/data prepbot

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
# Dependencies first, so editing the source does not download them again.
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
COPY data data
RUN ./mvnw -B -ntp -q package -DskipTests

FROM eclipse-temurin:21-jre
# The readiness pictures draw text with Java2D, which needs at least one font file in the image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fontconfig fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system prepbot \
    && useradd --system --gid prepbot --uid 10001 --home-dir /app --shell /usr/sbin/nologin prepbot \
    && mkdir -p /data && chown prepbot:prepbot /data
WORKDIR /app
COPY --from=build /src/target/prepbot.jar /app/prepbot.jar
# The jar's digest names its class-data archive (see ENTRYPOINT).
RUN sha256sum /app/prepbot.jar | cut -c1-16 > /app/prepbot.jar.id
USER prepbot
# Configuration comes only from the environment; the token is passed at run time, never baked in.
# The tokenizer's native library is unpacked once onto the volume (by default it would go to the home
# folder, which this user cannot write, and then to /tmp, which a new container starts without).
# The JVM's options: a heap that follows the container's memory limit; Serial GC, which suits one or two
# cores; the heap in transparent huge pages where the host's kernel offers them on request (its "madvise"
# setting, a common default; elsewhere the JVM says so once and goes on with small pages), which spares the
# collector a page fault per 4 KB while a large bank's first start fills the heap; the JVM's own warnings
# on standard error, as Prepbot's logs are, so that standard output carries only a command's result, except
# the class-data archive's (a list of classes it skips, at the first stop). Native access is granted by the jar's manifest: the same flag on the command line
# would stop the JVM from using its archived module graph.
ENV PREPBOT_DB=/data/prepbot.db \
    XDG_CACHE_HOME=/data/cache \
    DJL_CACHE_DIR=/data/cache/djl \
    PREPBOT_JVM_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+UseTransparentHugePages -XX:+ExitOnOutOfMemoryError -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds=off:stderr"
VOLUME ["/data"]
# docker stop sends SIGTERM: Prepbot shuts JDA down, closes the database and exits 0.
STOPSIGNAL SIGTERM
# The first run writes the classes it loaded to an archive on the volume as it exits, and every start after
# it maps them instead of loading them from the jar (about 0.7 s sooner). The JVM does not rewrite an archive
# made for another jar, so each image names its own by the jar's digest and removes those of older images.
# A JVM that cannot write the archive as it exits ends with status 1 (JDK 25 here), even after a command
# that succeeded: the archive is asked for only when its folder can be written.
# exec: the JVM replaces the shell and receives docker stop's SIGTERM itself.
ENTRYPOINT ["/bin/sh", "-c", "archive=/data/cache/prepbot-$(cat /app/prepbot.jar.id).jsa; for old in /data/cache/prepbot-*.jsa; do [ \"$old\" = \"$archive\" ] || rm -f \"$old\"; done; mkdir -p /data/cache 2>/dev/null; if [ -w /data/cache ]; then set -- -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile=\"$archive\" -jar /app/prepbot.jar \"$@\"; else set -- -jar /app/prepbot.jar \"$@\"; fi; exec java $PREPBOT_JVM_OPTIONS \"$@\"", "prepbot"]
CMD ["run"]
