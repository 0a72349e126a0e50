package io.streamdesk.stack.bench;

import io.streamdesk.stack.bench.BenchConversations.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The simulated customers: a fixed number of slots, each playing the scripts one after another as
 * fresh conversations (a new conversation id each time), starting at different scripts so Chinese
 * and English, short and long conversations mix from the first second. Used by the load thread
 * only.
 */
final class ConversationSlots {

  /**
   * One message to send.
   *
   * @param messageId fresh UUID
   * @param conversationId the slot's current conversation
   * @param text the scripted customer text
   * @param locale the script language's locale
   * @param slot the customer sending it
   * @param turn its position in the conversation, from 0
   */
  record Message(
      String messageId, String conversationId, String text, String locale, Slot slot, int turn) {}

  /** One simulated customer. */
  final class Slot {
    private final int index;
    private int scriptIndex;
    private int turn;
    private int conversation;
    private String conversationId;

    private Slot(int index, int scriptIndex) {
      this.index = index;
      this.scriptIndex = scriptIndex;
      this.conversationId = conversationId();
    }

    /** The next turn; a finished script starts the next one as a new conversation. */
    Message next() {
      Script script = scripts.get(scriptIndex);
      if (turn == script.turns().size()) {
        scriptIndex = (scriptIndex + 1) % scripts.size();
        script = scripts.get(scriptIndex);
        turn = 0;
        conversation++;
        conversationId = conversationId();
      }
      Message m =
          new Message(
              UUID.randomUUID().toString(),
              conversationId,
              script.turns().get(turn),
              script.locale(),
              this,
              turn);
      turn++;
      return m;
    }

    int index() {
      return index;
    }

    private String conversationId() {
      return "bench-" + runId + "-" + index + "-" + conversation;
    }
  }

  private final List<Script> scripts;
  private final String runId;
  private final List<Slot> slots = new ArrayList<>();

  ConversationSlots(List<Script> scripts, int count, String runId) {
    if (count < 1) {
      throw new IllegalArgumentException("conversations must be >= 1, got " + count);
    }
    this.scripts = List.copyOf(scripts);
    this.runId = runId;
    for (int i = 0; i < count; i++) {
      slots.add(new Slot(i, i % scripts.size()));
    }
  }

  List<Slot> all() {
    return List.copyOf(slots);
  }
}
