package io.streamdesk.generation.reply;

/**
 * The worker's own sentences, in the customer's language, for when there is no answer to give: no
 * passage answers the question, or the conversation goes to a human agent.
 */
public final class CannedReplies {

  /** Recorded as the model of replies made of these sentences. */
  public static final String MODEL = "template";

  private CannedReplies() {}

  /** Nothing in the knowledge base answers: say so and offer a human agent. */
  public static String noAnswer(String language) {
    return Languages.isChinese(language)
        ? "抱歉，我暂时没有在帮助中心找到相关答案。需要为您转接人工客服吗？"
        : "Sorry, I couldn't find an answer to that in our help center. Would you like me to"
            + " connect you with a human agent?";
  }

  /** The conversation goes to a human agent. */
  public static String handoff(String language) {
    return Languages.isChinese(language)
        ? "正在为您转接人工客服，请稍候。"
        : "I'm connecting you with a human agent who can help further. Please hold on a moment.";
  }
}
