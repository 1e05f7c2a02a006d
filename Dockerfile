# syntax=docker/dockerfile:1
# The bot in a container: Slack and/or Discord (set their variables), the weekly digests, the web
# briefing on 8080 and /healthz, /readyz, /metrics on 9090 (or on PORT with Slack over HTTP).
# The SQLite database lives on the /data volume. See README "Container".
#
#   docker build -t partnership-briefing .
#   docker run -d --name briefing -v briefing-data:/data -p 3000:3000 -p 8080:8080 -p 9090:9090 \
#     -e SLACK_BOT_TOKEN=… -e SLACK_SIGNING_SECRET=… partnership-briefing

# Node 22 or newer (an LTS line; `--build-arg NODE_VERSION=20` builds on Node 20.19+ too).
ARG NODE_VERSION=22

# ---- build: production dependencies, then the compiled app (dist/app/) ----
FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles itself where no prebuilt binary fits the platform.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Dependencies first, in a layer of their own that source edits do not invalidate; `prepare`
# (the build) needs the sources, so install scripts wait for the two packages that need theirs.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 esbuild
COPY scripts ./scripts
COPY bin ./bin
COPY src ./src
COPY adapters ./adapters
RUN npm run build

# ---- run: Node, the production node_modules, the build and the knowledge base; no compilers ----
FROM node:${NODE_VERSION}-bookworm-slim
ENV NODE_ENV=production \
    DATABASE_PATH=/data/briefing.db
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY scripts/healthcheck.mjs ./scripts/
COPY knowledge ./knowledge
# The official image's unprivileged `node` user owns only the database volume.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000 8080 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/healthcheck.mjs"]
# Node runs the bot directly, no npm in between: `docker stop`'s SIGTERM reaches it, and it
# handles the signal itself (an orderly shutdown within SHUTDOWN_GRACE_MS) even as PID 1.
CMD ["node", "--max-semi-space-size=4", "dist/app/start.js"]
