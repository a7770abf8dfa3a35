#!/bin/sh
# Launch script of a web front end, started by a systemd unit.
IMAGES=/var/lib/images
exec qemu-system-x86_64 \
  -machine q35,accel=kvm -m 4096 -smp 4 \
  -drive file=$IMAGES/web01.qcow2,format=qcow2,if=virtio,cache=none,aio=native \
  -drive file=$IMAGES/web01-logs.raw,format=raw,if=none,id=logs,cache=writethrough,aio=native \
  -device virtio-blk-pci,drive=logs,id=logdisk \
  -blockdev '{"driver":"qcow2","node-name":"data0","file":{"driver":"file","filename":"/var/lib/images/web01-data.qcow2","aio":"io_uring"},"cache":{"direct":true}}' \
  -device virtio-blk-pci,drive=data0,write-cache=on \
  -nographic
