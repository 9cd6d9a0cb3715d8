#!/usr/bin/env bash
# Install the system packages Open Up needs, or print the exact command when we can't.
#   scripts/system-deps.sh run    speech output and sound devices
#   scripts/system-deps.sh test   plus what the tests use (sox, a virtual sound server)
set -euo pipefail
packages=(espeak-ng libportaudio2)
if [ "${1:-run}" = test ]; then
  packages+=(sox pulseaudio pulseaudio-utils libasound2-plugins alsa-utils)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null; then
  echo "openup: please install with your package manager: ${missing[*]}" >&2
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
if [ -n "$sudo" ] && ! command -v sudo >/dev/null; then
  echo "openup: run as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "openup: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
