# syntax=docker/dockerfile:1
# The gateway as a container: a build stage (all dependencies, codegen, playground bundle, tsc)
# and a slim runtime stage (production dependencies, compiled JavaScript, schema and WSDL files).
# Node 22 is the current LTS; the code also runs on the Node 20.19+ of our development machines.
# scripts/verify-image-files.sh reproduces the runtime stage without Docker (it reads the
# `COPY --from=build` lines below) and is run by .ci/run.

ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# codegen → build:playground (when the script exists) → tsc → schema and WSDL files beside the JS.
RUN npm run build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=4000 \
    HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
# dist/ holds dist/src/**/*.js, dist/schema/*.graphql, dist/src/upstream/engage/soap/wsdl/*.wsdl and the
# playground bundle; the code finds them relative to its own modules, not the working directory.
COPY --from=build /app/dist ./dist
# The image's files stay root-owned and read-only to the process.
USER node
EXPOSE 4000
# node, not curl: the slim image has no curl. Docker's default 30 s interval; 3 s per probe.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "dist/src/healthcheck.js"]
# Docker sends SIGTERM on stop: readiness turns false, in-flight requests finish within
# SHUTDOWN_GRACE_MS (default 10 s), then the process exits. Give `docker stop -t` /
# terminationGracePeriodSeconds at least SHUTDOWN_DELAY_MS + SHUTDOWN_GRACE_MS + 5 s.
STOPSIGNAL SIGTERM
CMD ["node", "--max-old-space-size=256", "dist/src/main.js"]
