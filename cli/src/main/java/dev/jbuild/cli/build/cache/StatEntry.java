package dev.jbuild.cli.build.cache;

import dev.jbuild.cli.build.copy.StatAttributes;

/**
 * One stat cache record: a file's content digest and the stat fields it is valid for.
 *
 * @param digest sha256 of the content, 64 lowercase hex characters
 * @param racy the file changed so shortly before it was hashed that an equal stat next time does
 *     not prove equal content (the "racy git" problem); such entries are never saved
 */
record StatEntry(
    long size, long mtimeNanos, long ctimeNanos, long inode, String digest, boolean racy) {

  static StatEntry of(StatAttributes a, String digest, boolean racy) {
    return new StatEntry(a.size(), a.mtimeNanos(), a.ctimeNanos(), a.inode(), digest, racy);
  }

  boolean matches(StatAttributes a) {
    return size == a.size()
        && mtimeNanos == a.mtimeNanos()
        && ctimeNanos == a.ctimeNanos()
        && inode == a.inode();
  }
}
