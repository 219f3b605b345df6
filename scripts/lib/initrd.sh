# Sourced by the scripts that build guest initramfs images
# (debian-guest.sh, smp-guests.sh).
#
# make_initrd OUTPUT < INIT: writes OUTPUT, a gzip-compressed newc cpio
# archive holding busybox and the /init script read from standard input.
# Needs $tmp, a scratch directory, with the busybox-static package
# extracted in $tmp/busybox.
make_initrd() {
    local root="$tmp/root"
    rm -rf "$root"; mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,etc}
    cp "$tmp/busybox/bin/busybox" "$root/bin/busybox"
    cat > "$root/init"; chmod +x "$root/init"
    ( cd "$root" && find . | cpio -o -H newc 2>/dev/null | gzip -9 ) > "$1"
}
