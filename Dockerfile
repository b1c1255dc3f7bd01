# Image of the Temporal debugger: the one self-contained binary, nothing else.
#
#   cargo xtask dist                       # builds and checks target/dist/temporal-debugger
#   docker build -t temporal-debugger .
#   docker run -p 8080:8080 -e TEMPORAL_ADDRESS=temporal:7233 temporal-debugger
#
# The binary holds the site (WASM, JS, CSS, favicon); see docs/deploying.md. It is built on the
# host (Debian 12, glibc 2.36), so the base is distroless' Debian 12 with glibc and the CA roots
# (TLS to Temporal Cloud or a cluster without TEMPORAL_TLS_CA), and no shell.
FROM gcr.io/distroless/cc-debian12:nonroot

COPY target/dist/temporal-debugger /usr/local/bin/temporal-debugger
# Imported histories are kept here (TDBG_DATA_DIR); mount a volume to keep or share them.
# `cargo xtask dist` leaves this empty directory; COPY makes it the non-root user's.
COPY --chown=65532:65532 target/dist/data /data

ENV TEMPORAL_UI_HOST=0.0.0.0 \
    TEMPORAL_UI_PORT=8080 \
    TDBG_DATA_DIR=/data
# distroless' "nonroot" user, by number so that Kubernetes' runAsNonRoot can check it.
USER 65532:65532
VOLUME /data
EXPOSE 8080
# The binary asks its own /readyz: 503 while Temporal cannot be reached, so the container shows
# unhealthy then (Kubernetes ignores HEALTHCHECK and uses its own probes on /healthz and /readyz).
HEALTHCHECK --interval=30s --timeout=6s --start-period=10s --retries=3 \
    CMD ["/usr/local/bin/temporal-debugger", "--check-ready"]
# On SIGTERM the server stops accepting, ends live streams and gives requests in flight 20 s.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/usr/local/bin/temporal-debugger"]
