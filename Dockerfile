# syntax=docker/dockerfile:1
#
# A small static image of regiosim (see deploy/README.md).
#
#   docker build --build-arg VERSION=$(git rev-parse --short HEAD) \
#     -t REGISTRY/regiosim:$(git rev-parse --short HEAD) .
#
# VERSION becomes `regiosim version` (the image holds no .git to read it
# from); merge refuses shards of different versions.
# Build stage: the Go toolchain of go.mod (go 1.26), a static binary
# (CGO_ENABLED=0: no libc needed at run time), no local paths in it
# (-trimpath) and no symbol or DWARF tables (-s -w).
FROM golang:1.26 AS build
WORKDIR /src
# Modules first, so that a change of the source alone keeps this layer.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=devel
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w -X main.buildVersion=${VERSION}" -o /regiosim ./cmd/regiosim

# Final stage: distroless static (CA certificates, tzdata, /etc/passwd with
# the user nonroot, 65532), no shell and no package manager. The image runs
# as nonroot; a volume it writes to must be writable by uid/gid 65532
# (the Kubernetes Job sets fsGroup: 65532).
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /regiosim /regiosim
USER nonroot:nonroot
WORKDIR /home/nonroot
ENTRYPOINT ["/regiosim"]
CMD ["--help"]
