package dev.jbuild.registry;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The module's one Jackson mapper, made on first use: most commands never parse a token, an auth
 * file or an error body, and building a mapper costs a CLI run several milliseconds.
 */
final class JsonMapper {
  private JsonMapper() {}

  static ObjectMapper get() {
    return Holder.MAPPER;
  }

  private static final class Holder {
    static final ObjectMapper MAPPER = new ObjectMapper();
  }
}
