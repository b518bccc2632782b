package dev.jbuild.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BufferedSocketsTest {
  /** Counts the reads that reach it and returns at most {@code perRead} bytes each time. */
  private static final class CountingInput extends InputStream {
    final InputStream in;
    final int perRead;
    int reads;

    CountingInput(byte[] data, int perRead) {
      this.in = new ByteArrayInputStream(data);
      this.perRead = perRead;
    }

    @Override
    public int read() throws IOException {
      reads++;
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      reads++;
      return in.read(b, off, Math.min(len, perRead));
    }
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  @Test
  void smallReadsAreServedFromOneLargeReadOfTheSocket() throws IOException {
    byte[] data = random(BufferedSockets.READ_SIZE * 3 + 1234);
    CountingInput socket = new CountingInput(data, Integer.MAX_VALUE);
    BufferedSockets.ChunkedInput in = new BufferedSockets.ChunkedInput(socket);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] segment = new byte[8192]; // what okio asks for
    for (int n; (n = in.read(segment, 0, segment.length)) != -1; ) {
      out.write(segment, 0, n);
    }
    assertThat(out.toByteArray()).isEqualTo(data);
    // 4 fills and the read that sees end of stream, instead of one read per 8 KiB segment
    assertThat(socket.reads).isEqualTo(5);
  }

  @Test
  void aReadNeverWaitsForMoreThanTheSocketAlreadyGave() throws IOException {
    byte[] data = random(10_000);
    CountingInput socket = new CountingInput(data, 100); // the peer sends 100 bytes at a time
    BufferedSockets.ChunkedInput in = new BufferedSockets.ChunkedInput(socket);
    byte[] buf = new byte[8192];
    assertThat(in.read(buf, 0, buf.length)).isEqualTo(100);
    assertThat(socket.reads).isEqualTo(1);
    assertThat(in.available()).isZero();
  }

  @Test
  void singleBytesSkipAndEndOfStreamBehaveLikeTheUnderlyingStream() throws IOException {
    byte[] data = random(300);
    BufferedSockets.ChunkedInput in =
        new BufferedSockets.ChunkedInput(new CountingInput(data, Integer.MAX_VALUE));
    assertThat(in.read()).isEqualTo(data[0] & 0xff);
    assertThat(in.skip(9)).isEqualTo(9);
    assertThat(in.available()).isEqualTo(290);
    byte[] rest = in.readAllBytes();
    assertThat(rest).hasSize(290).isEqualTo(java.util.Arrays.copyOfRange(data, 10, 300));
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
  }

  @Test
  void socketsFromTheFactoryCarryBytesBothWays() throws IOException {
    byte[] data = random(BufferedSockets.READ_SIZE + 99);
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread peer =
          new Thread(
              () -> {
                try (Socket s = server.accept();
                    OutputStream o = s.getOutputStream()) {
                  o.write(data);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      peer.start();
      try (Socket s =
          new BufferedSockets()
              .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
        assertThat(s.getInputStream()).isInstanceOf(BufferedSockets.ChunkedInput.class);
        assertThat(s.getInputStream()).isSameAs(s.getInputStream());
        assertThat(s.getInputStream().readAllBytes()).isEqualTo(data);
      }
    }
  }
}
