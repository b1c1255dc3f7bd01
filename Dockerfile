# Image of the Temporal debugger: `docker build -t temporal-debugger .` (see docs/deploying.md).

# Stage 1, wasm-opt: npm's binaryen@132 under Node 20, as `cargo xtask setup` installs it (Debian's binaryen is too old and breaks hydration).
FROM node:20-bookworm-slim AS wasm-opt
RUN npm install -g --no-audit --no-fund binaryen@132

# Stage 2, builder: the tools at the versions xtask/src/setup/rust_tools.rs pins, then `cargo leptos build --release`.
FROM rust:1.95-bookworm AS builder
COPY --from=wasm-opt /usr/local/bin/node /usr/local/bin/node
COPY --from=wasm-opt /usr/local/lib/node_modules/binaryen /opt/binaryen
RUN ln -s /opt/binaryen/bin/wasm-opt /usr/local/bin/wasm-opt && wasm-opt --version
RUN rustup target add wasm32-unknown-unknown
RUN cargo install --locked cargo-leptos@0.3.10
WORKDIR /src
# wasm-bindgen-cli must be the version of the wasm-bindgen crate in Cargo.lock, read from it here.
COPY Cargo.lock ./
RUN version="$(awk '/^name = "wasm-bindgen"$/ { found = 1; next } found && /^version = / { gsub(/"/, "", $3); print $3; exit }' Cargo.lock)" \
 && test -n "$version" \
 && cargo install wasm-bindgen-cli --version "$version"
COPY Cargo.toml ./
COPY .cargo .cargo
COPY app app
COPY server server
COPY xtask xtask
COPY style style
COPY public public
RUN cargo leptos build --release

# Stage 3, runtime: the server binary and the built site on Debian slim, as a non-root user.
FROM debian:bookworm-slim
# ca-certificates: the system roots for TLS to Temporal (Temporal Cloud, or a cluster without TEMPORAL_TLS_CA).
# curl: for HEALTHCHECK only; slim has no HTTP client and the server has no probe mode of its own (its only
# non-serving mode is --print-config).
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
# A numeric UID, so Kubernetes' runAsNonRoot can check it.
RUN groupadd --system --gid 10001 debugger \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin debugger
WORKDIR /app
# Imported histories are kept here (TDBG_DATA_DIR); mount a volume to keep them or share them.
RUN mkdir /data && chown 10001:10001 /data
COPY --from=builder /src/target/release/server /app/server
COPY --from=builder /src/target/site /app/site
ENV LEPTOS_SITE_ROOT=/app/site \
    LEPTOS_OUTPUT_NAME=temporal-debugger \
    TEMPORAL_UI_HOST=0.0.0.0 \
    TEMPORAL_UI_PORT=8080 \
    TDBG_DATA_DIR=/data
USER 10001:10001
VOLUME /data
EXPOSE 8080
# /readyz answers 503 while Temporal cannot be reached, so the container shows as unhealthy then
# (Kubernetes ignores HEALTHCHECK and uses its own probes).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD curl -fsS -o /dev/null --max-time 4 "http://127.0.0.1:${TEMPORAL_UI_PORT}/readyz" || exit 1
# On SIGTERM the server stops accepting, ends live streams and gives requests in flight 20 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/server"]
