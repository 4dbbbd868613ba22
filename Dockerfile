# syntax=docker/dockerfile:1
#
# patchsmith on an NVIDIA GPU host.
#
#   docker build -t patchsmith .
#   docker run --gpus all -p 3000:3000 --env-file .env --stop-timeout 90 \
#     -v /srv/models:/models:ro -v /srv/patchsmith/app.pem:/run/secrets/app.pem:ro \
#     -v patchsmith-data:/var/lib/patchsmith \
#     -e PRIVATE_KEY_PATH=/run/secrets/app.pem patchsmith
#
# --stop-timeout: on `docker stop` a running review gets PATCHSMITH_SHUTDOWN_GRACE_MS
# (60 s) to finish before it is requeued; Docker's default 10 s would kill it first.
# Webhook servers and GPU workers with Redis: deploy/compose.yml.
#
# The GPU is used through node-llama-cpp's prebuilt CUDA binaries (the
# @node-llama-cpp/linux-x64-cuda packages that `npm ci` installs): nothing is
# compiled. They need the CUDA runtime libraries (cudart, cuBLAS) from this
# base image and the driver that `--gpus all` (NVIDIA Container Toolkit)
# mounts from the host. The CUDA 12 image uses node-llama-cpp's CUDA 12
# fallback binaries and runs on drivers >= 525; with a host driver >= 580,
# CUDA_IMAGE=nvidia/cuda:13.0.0-runtime-ubuntu24.04 selects its CUDA 13 build.
# Models are never baked in: mount them at /models.

ARG NODE_IMAGE=node:22-bookworm-slim
ARG CUDA_IMAGE=nvidia/cuda:12.8.1-runtime-ubuntu24.04

# ---- Node.js 22 LTS, taken from the official image ----
FROM ${NODE_IMAGE} AS node

# ---- build: compile TypeScript (dev dependencies stay in this stage) ----
FROM node AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing needs building to compile, and node-llama-cpp's
# postinstall would look for a GPU here.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: CUDA runtime libraries + Node.js + production dependencies ----
FROM ${CUDA_IMAGE} AS runtime
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version \
 && groupadd --system --gid 10001 patchsmith \
 && useradd --system --uid 10001 --gid patchsmith --create-home --home-dir /home/patchsmith --shell /usr/sbin/nologin patchsmith \
 && mkdir -p /models /var/lib/patchsmith && chown patchsmith:patchsmith /models /var/lib/patchsmith

WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# Prebuilt binaries only: never fall back to building llama.cpp from source in the image.
RUN NODE_LLAMA_CPP_SKIP_DOWNLOAD=true npm ci --omit=dev \
 && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY app.yml ./

ENV HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    PATCHSMITH_MODEL_DIR=/models \
    PATCHSMITH_DATA_DIR=/var/lib/patchsmith \
    PATCHSMITH_GPU=cuda \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility
# The job journal (review-journal.jsonl): every review answered 2xx is written here before the
# answer and run again after a restart, so it must outlive the container (a named volume; without
# one, Docker makes an anonymous volume that a new container does not see). Not used with REDIS_URL.
VOLUME ["/models", "/var/lib/patchsmith"]
EXPOSE 3000

USER patchsmith

# GET /healthz answers 200 when the process is up and Redis (when REDIS_URL is
# set) answers, 503 otherwise: a container whose Redis is down is unhealthy.
# (Probot's /ping would say PONG even then.) Webhook servers and workers both serve it on PORT.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT ?? 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# patchsmith's own entry, not `probot run`: it keeps REDIS_URL from Probot's rate limiter (bottleneck
# fails on Redis 7 once its keys expire) and reads .env like Probot. serve/worker: deploy/compose.yml.
CMD ["node", "dist/cli/main.js", "start"]
