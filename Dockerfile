# syntax=docker/dockerfile:1
#
# One image for both apps of the engine:
#   API (default):  docker run IMAGE
#   worker:         docker run IMAGE node dist/apps/worker/src/main.js
# Configuration comes from the environment (see libs/engine/src/config/environment.ts);
# MONGODB_URI is required, everything else has a default.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript to dist/ -------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

# Dependencies first, so that a source change does not reinstall them.
# --ignore-scripts: package.json's allowScripts turns off the only install script in the
# tree (msgpackr-extract); its prebuilt binary is found at run time without it.
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
RUN npm run build

# ---- runtime: production dependencies, dist/, config/ and locales/ only--------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Debian's Chromium prints reports as PDF (GET /cycles/:id/report?format=pdf; CHROMIUM_PATH).
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-dejavu-core fonts-noto-color-emoji \
    && rm -rf /var/lib/apt/lists/*

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund

# Owned by root and read-only to the `node` user that runs the app.
COPY --from=build /app/dist ./dist
COPY config ./config
# The engine's own words, per language and area (LOCALES_DIR, read at start).
COPY locales ./locales
# The pages' templates, stylesheet and script (read at run time, not compiled).
COPY apps/api/web ./apps/api/web
# Evidence files' bodies (EVIDENCE_FILES_DIR): the one folder the app writes; compose mounts a
# volume here, which takes this ownership when it is first created.
RUN mkdir -p /app/.pact-data/evidence-files && chown -R node:node /app/.pact-data

USER node
EXPOSE 3000

# No HEALTHCHECK here: the API and the worker run from this image and answer their probes on
# different ports, so each one's check lives in docker-compose.yml (a node one-liner, no curl needed).

# Exec form: node is PID 1 and gets SIGTERM directly (both apps drain on it: docs/operations/health.md).
CMD ["node", "dist/apps/api/src/main.js"]
