package io.streamdesk.generation.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamdesk.generation.testing.Kb;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RedactorTest {

  private final OutputGuard guard = new OutputGuard(GuardSettings.defaults());

  @Test
  void shouldMaskPersonalDataTheModelWrites() {
    // Given a reply that leaks a mobile number, an e-mail address and an ID number
    String reply =
        "Call Li at 138 0013 8000 or +86 13900139000, mail li.wei@example.com,"
            + " ID 11010519491231002X.";

    // When
    String text = rewrite(reply, List.of());

    // Then each is replaced by a placeholder
    assertThat(text).isEqualTo("Call Li at [PHONE] or [PHONE], mail [EMAIL], ID [ID_NUMBER].");
  }

  @Test
  void shouldKeepContactDataThatThePassagesContainAndTheInputsPlaceholders() {
    // Given the shop's hotline is in a passage and the customer's number was masked upstream
    String reply = "We will call you back on [PHONE_1]; our hotline is 400-820-1234.";

    // When
    String text = rewrite(reply, List.of(Kb.SHIPPING_EN));

    // Then both stay as they are
    assertThat(text).isEqualTo(reply);
  }

  @Test
  void shouldMaskCardNumbersOnlyWhenTheyPassTheLuhnCheck() {
    String text = rewrite("Card 4111 1111 1111 1111, order 20260105123456789.", List.of());

    assertThat(text).isEqualTo("Card [CARD], order 20260105123456789.");
  }

  @Test
  void shouldMaskDenyListedWordsWhateverTheirCase() {
    String text = rewrite("That was a STUPID question, 傻逼.", List.of());

    assertThat(text).isEqualTo("That was a ****** question, **.");
  }

  @Test
  void shouldRemoveCitationMarkersAndRememberWhichPassagesTheyName() {
    // Given markers in English and Chinese styles
    Redactor redactor = guard.redactor(List.of());
    redactor.accept("Returns take 30 days [2]. Refunds need 5 days [1, 3]。保修一年【2】。");
    redactor.finish();

    // Then they are gone from the text and their numbers kept in order of first citation
    assertThat(redactor.text()).isEqualTo("Returns take 30 days. Refunds need 5 days。保修一年。");
    assertThat(redactor.citedNumbers()).containsExactly(2, 1, 3);
    assertThat(redactor.rewrites()).containsEntry("citation", 3);
  }

  @Test
  void shouldNeverStreamWhatTheFinalReplyMasks() {
    // Given a reply full of things to rewrite, split into deltas at random places
    String reply =
        "Hello! Call 13800138000 now [1]. Mail a.b@shop-mail.com today, stupid bot. 电话 139 0013"
            + " 9000 【2】 ok. Hotline 400-820-1234 [3] bye";
    for (long seed = 1; seed <= 200; seed++) {
      Redactor redactor = guard.redactor(List.of(Kb.SHIPPING_EN));
      List<String> released = new ArrayList<>();
      StringBuilder shown = new StringBuilder();
      for (String delta : randomSplit(reply, new Random(seed))) {
        String out = redactor.accept(delta);
        released.add(out);
        shown.append(out);
        // Then no released prefix ever shows a raw number, address, marker or word
        assertThat(shown.toString())
            .doesNotContain("13800138000")
            .doesNotContain("a.b@")
            .doesNotContain("[1]")
            .doesNotContain("stupid")
            .doesNotContain("0013");
      }
      released.add(redactor.finish());

      // and the released pieces concatenate to the final text
      assertThat(redactor.diverged()).as("seed %d", seed).isFalse();
      assertThat(String.join("", released)).as("seed %d", seed).isEqualTo(redactor.text());
    }
    Redactor whole = guard.redactor(List.of(Kb.SHIPPING_EN));
    whole.accept(reply);
    whole.finish();
    assertThat(whole.text())
        .isEqualTo(
            "Hello! Call [PHONE] now. Mail [EMAIL] today, ****** bot. 电话 [PHONE] ok. Hotline"
                + " 400-820-1234 bye");
  }

  @Test
  void shouldReleaseOrdinaryTextWordByWordWhileStreaming() {
    Redactor redactor = guard.redactor(List.of());

    String first = redactor.accept("Your parcel ");
    String second = redactor.accept("arrives soon");

    assertThat(first + second).isEqualTo("Your parcel arrives");
    assertThat(redactor.finish()).isEqualTo(" soon");
  }

  private String rewrite(String reply, List<io.streamdesk.schemas.events.Passage> passages) {
    Redactor redactor = guard.redactor(passages);
    redactor.accept(reply);
    redactor.finish();
    return redactor.text();
  }

  private static List<String> randomSplit(String text, Random random) {
    List<String> pieces = new ArrayList<>();
    int at = 0;
    while (at < text.length()) {
      int length = 1 + random.nextInt(6);
      int end = Math.min(text.length(), at + length);
      pieces.add(text.substring(at, end));
      at = end;
    }
    return pieces;
  }
}
