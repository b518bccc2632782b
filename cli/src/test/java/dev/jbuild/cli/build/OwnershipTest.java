package dev.jbuild.cli.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class OwnershipTest {
  private static final Map<String, String> FILES =
      Map.of(
          "etc/passwd", "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001::/home/app:/bin/sh\n",
          "etc/group", "root:x:0:\nstaff:x:50:app,ops\napp:x:1001:\nwheel:x:10:ops\n");
  private static final Function<String, Optional<String>> IMAGE =
      p -> Optional.ofNullable(FILES.get(p));

  @Test
  void numericUserAloneTakesItsPasswdGroupOrItsOwnNumber() {
    assertThat(Ownership.resolve("1000", IMAGE)).isEqualTo(new Ownership(1000, 1001));
    assertThat(Ownership.resolve("4242", IMAGE)).isEqualTo(new Ownership(4242, 4242));
    assertThat(Ownership.resolve("4242", p -> Optional.empty()))
        .isEqualTo(new Ownership(4242, 4242));
  }

  @Test
  void namesResolveThroughPasswdAndGroup() {
    assertThat(Ownership.resolve("app", IMAGE)).isEqualTo(new Ownership(1000, 1001));
    assertThat(Ownership.resolve("app:staff", IMAGE)).isEqualTo(new Ownership(1000, 50));
    assertThat(Ownership.resolve("0:staff", IMAGE)).isEqualTo(new Ownership(0, 50));
    assertThat(Ownership.resolve("app:7", IMAGE)).isEqualTo(new Ownership(1000, 7));
  }

  @Test
  void unknownNamesSayWhichFileLacksThem() {
    assertThatThrownBy(() -> Ownership.resolve("nobody", IMAGE))
        .hasMessage("unable to find user nobody: no matching entries in passwd file");
    assertThatThrownBy(() -> Ownership.resolve("app:audio", IMAGE))
        .hasMessage("unable to find group audio: no matching entries in group file");
  }

  @Test
  void supplementaryGroupsAreTheGroupsListingTheUser() {
    assertThat(Ownership.supplementaryGroups("app", IMAGE)).containsExactly(50L);
    assertThat(Ownership.supplementaryGroups("1000:1001", IMAGE)).containsExactly(50L);
    assertThat(Ownership.supplementaryGroups("4242", IMAGE)).isEmpty();
  }
}
