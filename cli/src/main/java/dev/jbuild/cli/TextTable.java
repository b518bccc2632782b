package dev.jbuild.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Left-aligned columns separated by three spaces, as docker's table output. */
final class TextTable {
  private final List<List<String>> rows = new ArrayList<>();

  TextTable(List<String> header) {
    rows.add(List.copyOf(header));
  }

  void add(List<String> row) {
    rows.add(List.copyOf(row));
  }

  void print(PrintWriter out) {
    int[] widths = new int[rows.get(0).size()];
    for (List<String> r : rows) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    for (List<String> r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < widths.length; i++) {
        line.append(r.get(i));
        if (i < widths.length - 1) {
          line.append(" ".repeat(widths[i] - r.get(i).length() + 3));
        }
      }
      out.println(line);
    }
  }
}
