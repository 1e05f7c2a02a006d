# The bot's image, for compose.yaml (PostgreSQL and two replicas) or any container platform.
# Node 20 as the README requires; the Debian image so better-sqlite3's prebuilt binary fits.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies too (so no production NODE_ENV): `npm start` runs the TypeScript sources
# through tsx, which is one.
RUN npm ci --include=dev --no-audit --no-fund
COPY . .
# Liveness on PORT (Slack over HTTP serves /healthz there); compose.yaml asks /readyz instead.
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
USER node
CMD ["npm", "start"]
