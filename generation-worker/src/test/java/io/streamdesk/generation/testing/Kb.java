package io.streamdesk.generation.testing;

import io.streamdesk.schemas.events.GenerateReply;
import io.streamdesk.schemas.events.Passage;
import io.streamdesk.testkit.Events;
import java.time.Instant;
import java.util.List;

/** A tiny hand-written shop knowledge base in Chinese and English, and requests that use it. */
public final class Kb {

  private Kb() {}

  public static Passage faq(String id, String question, String answer, double score) {
    return Passage.newBuilder()
        .setId(id)
        .setDocumentId("faq")
        .setTitle(question)
        .setText(question + "\n" + answer)
        .setScore(score)
        .setSource("kb/faq.csv")
        .setKbVersion(7L)
        .setCategory("faq")
        .setAnswer(answer)
        .build();
  }

  public static Passage doc(String id, String title, String text, double score) {
    return Passage.newBuilder()
        .setId(id)
        .setDocumentId("doc-" + id)
        .setTitle(title)
        .setText(text)
        .setScore(score)
        .setSource("kb/" + id + ".md")
        .setKbVersion(7L)
        .build();
  }

  public static final Passage RETURNS_EN =
      doc(
          "returns-1",
          "Returns policy",
          "Our shop was founded in 2015 and ships worldwide. You can return any item within 30"
              + " days of delivery for a full refund. Refunds go back to the original payment"
              + " method within 5 business days. Gift cards cannot be exchanged for cash.",
          0.82);

  public static final Passage SHIPPING_EN =
      doc(
          "shipping-1",
          "Shipping times",
          "Standard delivery takes 3 to 5 business days. Express delivery arrives the next"
              + " business day when ordered before 2 pm. For questions call our hotline"
              + " 400-820-1234.",
          0.64);

  public static final Passage WARRANTY_ZH =
      doc(
          "warranty-zh",
          "保修政策",
          "本店所有电子产品提供一年免费保修。保修期内非人为损坏可免费维修或更换。" + "人为损坏不在保修范围内。门店营业时间为每天九点到二十一点。",
          0.77);

  public static final Passage DELIVERY_FAQ_ZH =
      faq("faq-delivery-zh", "北京发货几天能到？", "北京地区一般下单后1到2天送达。", 0.91);

  public static final Passage PAYMENT_FAQ_EN =
      faq(
          "faq-payment-en",
          "Which payment methods do you accept?",
          "We accept credit cards, PayPal and Alipay.",
          0.88);

  /** A request in English about returns, due far in the future. */
  public static GenerateReply.Builder englishReturnsQuestion() {
    return Events.generateReply()
        .setUserText("How many days do I have to return an item for a refund?")
        .setSearchQuery("return item refund days")
        .setPassages(List.of(RETURNS_EN, SHIPPING_EN))
        .setKbVersion(7L)
        .setRequestedAt(Instant.now())
        .setDeadline(Instant.now().plusSeconds(120));
  }

  /** A request in Chinese about the warranty, due far in the future. */
  public static GenerateReply.Builder chineseWarrantyQuestion() {
    return Events.generateReply()
        .setLanguage("zh")
        .setIntent("warranty")
        .setUserText("电子产品的保修期是多久？")
        .setSearchQuery("电子产品 保修期")
        .setPassages(List.of(WARRANTY_ZH))
        .setKbVersion(7L)
        .setRequestedAt(Instant.now())
        .setDeadline(Instant.now().plusSeconds(120));
  }
}
