#!/usr/bin/env bash
# Starts a new plugin project from examples/motd-plugin:
#
#   examples/new-plugin.sh <directory> <plugin-id> <java.package>
#   examples/new-plugin.sh ~/src/welcome-plugin welcome org.example.welcome
#
# Copies the example without its build output into <directory> and renames the plugin id
# (motd), the Java package (org.openttserver.examples.motd), the classes (Motd* becomes
# <Id>*) and the Maven coordinates (<java.package's parent>:<plugin-id>-plugin:1.0.0).
# Needs bash and GNU sed.
set -euo pipefail

if [ $# -ne 3 ]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
target=$1 id=$2 package=$3
if ! [[ $id =~ ^[a-z][a-z0-9-]*$ ]]; then
  echo "new-plugin: the plugin id '$id' must be lower case letters, digits and '-'" >&2
  exit 2
fi
if ! [[ $package =~ ^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$ ]]; then
  echo "new-plugin: '$package' is not a Java package name" >&2
  exit 2
fi
if [ -e "$target" ]; then
  echo "new-plugin: $target exists already" >&2
  exit 2
fi
example=$(cd "$(dirname "$0")/motd-plugin" && pwd)
# WelcomeBack from welcome-back: the prefix of the class names.
prefix=$(echo "$id" | sed -E 's/(^|-)([a-z])/\U\2/g')
group=${package%.*}
[ "$group" = "$package" ] && group=$package

mkdir -p "$target"
(cd "$example" && find . -path ./target -prune -o -type f -print) | while read -r file; do
  dest=$target/${file#./}
  dest=${dest//org\/openttserver\/examples\/motd/${package//.//}}
  dest=${dest//Motd/$prefix}
  mkdir -p "$(dirname "$dest")"
  sed -e '/tag::[a-z-]*\[\]/d' -e '/end::[a-z-]*\[\]/d' \
      -e "s/org\.openttserver\.examples\.motd/$package/g" \
      -e "s/<groupId>org\.openttserver\.examples<\/groupId>/<groupId>$group<\/groupId>/" \
      -e "s/motd-plugin/$id-plugin/g" \
      -e "s/Motd/$prefix/g" \
      -e "s/\bmotd\b/$id/g" \
      "$example/$file" > "$dest"
done
echo "new-plugin: $target: plugin '$id', classes ${prefix}Plugin, ${prefix}Config in $package"
echo "new-plugin: build and test it with: cd $target && mvn -B package"
