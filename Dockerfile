# Sluice in a container: the CLI as entrypoint, the dashboard as the default command.
# Build:  docker build -t sluice .
# Run:    docker run --rm -p 127.0.0.1:8080:8080 -v "$PWD/demo-output:/workspace" sluice

# --- build: install everything, compile TypeScript, then drop dev dependencies ---------------------
FROM node:20-slim AS build
WORKDIR /app
# Toolchain only for native modules (better-sqlite3, DuckDB) when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY bench ./bench
COPY scripts ./scripts
# Compiles TypeScript, bundles the CLI into dist/cli/ and compiles the logs job's WebAssembly scanner.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: production dependencies, compiled code and examples, as a non-root user -------------
FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY bin ./bin
COPY examples ./examples
RUN chmod 755 bin/sluice dist/cli/main.js \
 && ln -s /app/bin/sluice /usr/local/bin/sluice \
 && groupadd --system sluice \
 && useradd --system --gid sluice --home-dir /workspace --shell /usr/sbin/nologin sluice \
 && mkdir -p /workspace && chown sluice:sluice /workspace
USER sluice
WORKDIR /workspace
VOLUME ["/workspace"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s \
  CMD node -e "fetch('http://127.0.0.1:8080/api/overview').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
ENTRYPOINT ["sluice"]
# Inside the container the server must listen on all interfaces; publish the port on 127.0.0.1 only.
CMD ["serve", "--dir", "/workspace", "--host", "0.0.0.0", "--port", "8080"]
