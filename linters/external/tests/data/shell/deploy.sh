#!/bin/sh
# Copies the build output somewhere.
target=$1
cp build/* $target
for f in $(ls out); do
	echo "$f"
done
