package io.streamdesk.generation.llm.openai;

import io.streamdesk.generation.llm.ChatMessage;
import io.streamdesk.generation.llm.extractive.TextTerms;
import java.util.List;

/**
 * Estimates prompt tokens without the server's tokenizer, on the high side so a budgeted prompt
 * fits: one token per CJK character, one per four other characters, four per message for the chat
 * template's role markers, three to prime the reply.
 */
public final class TokenEstimator {

  private TokenEstimator() {}

  public static int estimate(List<ChatMessage> messages) {
    int tokens = 3;
    for (ChatMessage message : messages) {
      tokens += 4 + estimate(message.content());
    }
    return tokens;
  }

  public static int estimate(String text) {
    int cjk = 0;
    int other = 0;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (TextTerms.isCjk(cp)) {
        cjk++;
      } else {
        other++;
      }
      i += Character.charCount(cp);
    }
    return cjk + (other + 3) / 4;
  }
}
