package dev.jbuild.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Response;

/** Turns an error response into one line: status, and the registry's own error code/message. */
final class RegistryErrors {
  private static final int MAX_BODY = 8192;

  private RegistryErrors() {}

  static String describe(Response r) {
    StringBuilder s = new StringBuilder("HTTP ").append(r.code());
    try {
      byte[] body = r.peekBody(MAX_BODY).bytes();
      appendRegistryErrors(s, body);
    } catch (IOException | RuntimeException e) {
      // the status alone still says what happened
    }
    return s.toString();
  }

  private static void appendRegistryErrors(StringBuilder s, byte[] body) {
    if (body.length == 0) {
      return;
    }
    try {
      JsonNode errors = JsonMapper.get().readTree(body).path("errors");
      for (JsonNode e : errors) {
        s.append(' ')
            .append(e.path("code").asText(""))
            .append(": ")
            .append(e.path("message").asText(""));
      }
    } catch (IOException e) {
      String text = new String(body, StandardCharsets.UTF_8).strip();
      int nl = text.indexOf('\n');
      String first = nl < 0 ? text : text.substring(0, nl);
      if (!first.isEmpty() && first.length() < 200) {
        s.append(": ").append(first);
      }
    }
  }
}
