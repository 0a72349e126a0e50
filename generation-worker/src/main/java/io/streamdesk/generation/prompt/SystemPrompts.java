package io.streamdesk.generation.prompt;

import io.streamdesk.generation.reply.Languages;
import io.streamdesk.schemas.events.Passage;
import java.util.List;

/**
 * The system prompt: the source design's rules (answer only from the knowledge passages; friendly
 * and concise; when unsure say so and offer a human agent; steps for complex problems; ask politely
 * for order details; keep the conversation's context), then the numbered passages and the summary
 * of older turns. Written in Chinese for Chinese conversations, in English otherwise, so the model
 * answers in the customer's language. {@link #VERSION} changes whenever the wording does.
 */
public final class SystemPrompts {

  /** Recorded on every reply written from these prompts. */
  public static final String VERSION = "cs-prompt-v1";

  private static final String RULES_EN =
      """
      You are the customer-service assistant of an online shop.
      Rules:
      1. Answer only from the knowledge passages below. Never invent policies, prices, dates or \
      order details.
      2. Be friendly and concise: a few sentences, in English.
      3. If the passages do not answer the question, or you are not sure, say so honestly and \
      offer to connect the customer with a human agent.
      4. For a complex problem, give clear numbered steps.
      5. If you need order details (such as the order number), ask for them politely.
      6. Keep the conversation's context: the summary and the earlier turns tell you what the \
      customer already said.
      7. Cite the passages you use by their numbers, like [1].
      8. Placeholders such as [PHONE_1] stand for hidden personal data: never guess what they hide.
      """;

  private static final String RULES_ZH =
      """
      你是一家网店的智能客服助手。请遵守以下规则：
      1. 只根据下面的知识库内容回答，不要编造政策、价格、时间或订单信息。
      2. 语气友好、回答简洁，用中文回答。
      3. 如果知识库内容不能回答问题，或者你不确定，请如实说明，并询问客户是否需要转接人工客服。
      4. 遇到复杂问题时，请分步骤说明。
      5. 需要订单信息（例如订单号）时，请礼貌地向客户询问。
      6. 结合对话上下文：对话摘要和之前的对话说明了客户已经提供的信息。
      7. 引用知识库内容时标注编号，例如 [1]。
      8. [PHONE_1] 之类的占位符代表已隐藏的个人信息，不要猜测其内容。
      """;

  private SystemPrompts() {}

  /** The system prompt for a conversation in {@code language}. */
  public static String render(String language, List<Passage> passages, String summary) {
    boolean zh = Languages.isChinese(language);
    StringBuilder out = new StringBuilder(zh ? RULES_ZH : RULES_EN);
    out.append('\n').append(zh ? "知识库内容：" : "Knowledge passages:").append('\n');
    if (passages.isEmpty()) {
      out.append(zh ? "（没有找到相关内容）" : "(none found)").append('\n');
    }
    for (int i = 0; i < passages.size(); i++) {
      Passage passage = passages.get(i);
      out.append('[').append(i + 1).append("] ");
      String title = passage.getTitle();
      String text = passage.getText();
      if (title != null && !title.isBlank() && !text.startsWith(title)) {
        out.append(title.strip()).append('\n');
      }
      out.append(text.strip()).append("\n\n");
    }
    if (summary != null && !summary.isBlank()) {
      out.append(zh ? "对话摘要：" : "Conversation summary:").append('\n');
      out.append(summary.strip()).append('\n');
    }
    return out.toString().stripTrailing();
  }
}
