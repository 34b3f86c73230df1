# syntax=docker/dockerfile:1
# Parasol: build with the dev dependencies (they check the lessons with
# Telegram's own parser), run with the production ones only.
#
# Node 24 LTS, pinned to a full version: supported until April 2028. Node 20
# (what package.json's engines still allow, and what CI tests on) reached its
# end of life in April 2026; Node 26 became LTS only in October 2026, so move
# to it once the tests have run on it. Bookworm, as the machines that test this
# file. Bump both tags together, deliberately, for security releases.
FROM node:24.21.0-bookworm-slim AS build
# better-sqlite3 compiles its native module here when no prebuilt binary
# fits; node-gyp uses the headers that come with the image.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY locales ./locales
COPY lessons ./lessons
# The image is not built with lessons Telegram would refuse.
RUN npm run lessons -- check \
 && npm prune --omit=dev --no-audit --no-fund \
 && npm cache clean --force

FROM node:24.21.0-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/parasol.sqlite \
    LESSONS_DIR=/app/lessons \
    HTTP_HOST=0.0.0.0 \
    HTTP_PORT=8081
WORKDIR /app
# Code and lessons belong to root: the bot (user node) can read, not change them.
COPY --from=build /app/package.json /app/package-lock.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/locales ./locales
COPY --from=build /app/lessons ./lessons
# The database, its backups and the lesson cache live in /data.
RUN mkdir -p /data && chown node:node /data && chmod 0700 /data
USER node
VOLUME ["/data"]
# /healthz, and the webhook when WEBHOOK_URL is set.
EXPOSE 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8081) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself, not npm, receives SIGTERM (stop) and SIGHUP (reload lessons).
# BOT_TOKEN and WEBHOOK_SECRET come from the environment at run time (--env-file).
CMD ["node", "--import", "tsx", "src/main.ts"]
