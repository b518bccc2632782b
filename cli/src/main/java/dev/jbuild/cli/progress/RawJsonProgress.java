package dev.jbuild.cli.progress;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code --progress=rawjson}: one JSON object per line in the shape of BuildKit's SolveStatus
 * ({@code vertexes} with digest, name, started, completed, cached, error; {@code logs} with vertex,
 * stream, base64 data, timestamp), for CI tooling.
 */
public final class RawJsonProgress implements Progress {
  private final PrintWriter out;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicInteger next = new AtomicInteger(1);

  public RawJsonProgress(PrintWriter out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  @Override
  public Task start(String name) {
    String digest = "sha256:" + HexFormat.of().toHexDigits(next.getAndIncrement()) + "0".repeat(56);
    String started = clock.instant().toString();
    emit("vertexes", vertex(digest, name, started));
    return new JsonTask(digest, name, started);
  }

  @Override
  public void message(String line) {
    ObjectNode node = json.createObjectNode();
    node.put("message", line);
    print(node);
  }

  @Override
  public void close() {
    out.flush();
  }

  private ObjectNode vertex(String digest, String name, String started) {
    ObjectNode v = json.createObjectNode();
    v.put("digest", digest);
    v.put("name", name);
    v.put("started", started);
    return v;
  }

  private void emit(String field, ObjectNode item) {
    ObjectNode root = json.createObjectNode();
    ArrayNode list = root.putArray(field);
    list.add(item);
    print(root);
  }

  private void print(ObjectNode node) {
    synchronized (out) {
      out.println(node.toString());
      out.flush();
    }
  }

  private final class JsonTask implements Task {
    private final String digest;
    private final String name;
    private final String started;

    JsonTask(String digest, String name, String started) {
      this.digest = digest;
      this.name = name;
      this.started = started;
    }

    @Override
    public void log(String text) {
      ObjectNode l = json.createObjectNode();
      l.put("vertex", digest);
      l.put("stream", 1);
      l.put("data", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
      l.put("timestamp", clock.instant().toString());
      emit("logs", l);
    }

    @Override
    public void cached() {
      finish(true, null);
    }

    @Override
    public void done() {
      finish(false, null);
    }

    @Override
    public void failed(String reason) {
      finish(false, reason);
    }

    private void finish(boolean cached, @org.jspecify.annotations.Nullable String error) {
      ObjectNode v = vertex(digest, name, started);
      v.put("completed", clock.instant().toString());
      if (cached) {
        v.put("cached", true);
      }
      if (error != null) {
        v.put("error", error);
      }
      emit("vertexes", v);
    }
  }
}
