# The benchmark's base image: the debootstrap rootfs (named context "rootfs") as one COPY,
# then the few non-root owners put back by a generated script (named context "meta").
FROM scratch
COPY --from=rootfs / /
RUN --mount=type=bind,from=meta,target=/mnt sh /mnt/restore-owners.sh
CMD ["bash"]
