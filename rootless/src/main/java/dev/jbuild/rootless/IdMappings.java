package dev.jbuild.rootless;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The uid and gid maps of jbuild's user namespace: the caller as 0, then the caller's subordinate
 * ranges from /etc/subuid and /etc/subgid stacked from 1 upwards.
 */
public record IdMappings(List<IdRange> uids, List<IdRange> gids) {
  public IdMappings {
    uids = List.copyOf(uids);
    gids = List.copyOf(gids);
  }

  /** Reads /etc/subuid and /etc/subgid style files; a missing file means no ranges. */
  public static IdMappings load(HostUser user, Path subuidFile, Path subgidFile) {
    return of(user, readOrEmpty(subuidFile), readOrEmpty(subgidFile));
  }

  /** Builds the maps from the text of subuid/subgid files (entries by name or by uid). */
  public static IdMappings of(HostUser user, String subuidText, String subgidText) {
    return new IdMappings(
        stack(user.uid(), SubordinateIds.rangesOf(user.name(), user.uid(), subuidText)),
        stack(user.gid(), SubordinateIds.rangesOf(user.name(), user.uid(), subgidText)));
  }

  /** True when both maps go beyond the caller alone, so images may own files as any id. */
  public boolean hasSubordinateRanges() {
    return uids.size() > 1 && gids.size() > 1;
  }

  /** Number of ids usable inside the namespace (0 .. size-1 when ranges are contiguous). */
  public long uidCount() {
    return uids.stream().mapToLong(IdRange::count).sum();
  }

  public long gidCount() {
    return gids.stream().mapToLong(IdRange::count).sum();
  }

  private static List<IdRange> stack(long self, List<SubordinateIds.Range> ranges) {
    List<IdRange> out = new ArrayList<>();
    out.add(new IdRange(0, self, 1));
    long next = 1;
    for (SubordinateIds.Range range : ranges) {
      out.add(new IdRange(next, range.start(), range.count()));
      next += range.count();
    }
    return out;
  }

  private static String readOrEmpty(Path file) {
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException e) {
      throw new RootlessException("reading " + file + ": " + e.getMessage(), e);
    }
  }
}
