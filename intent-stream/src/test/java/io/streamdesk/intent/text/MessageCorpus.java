package io.streamdesk.intent.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Generates varied zh/en customer messages from templates, deterministically. */
final class MessageCorpus {

  private static final String[] TEMPLATES = {
    "你好，我的订单%ORDER%什么时候发货？",
    "手机号%PHONE%，请尽快联系我，谢谢",
    "我要退款，订单号%ORDER%，收款卡号%CARD%",
    "这个产品质量太差了，我要投诉你们！",
    "转人工",
    "你们就是骗子，我要打12315",
    "傻逼客服，半天不回复",
    "请问这款有没有%SIZE%码的？",
    "邮箱%EMAIL%，发票开到这里",
    "Where is my order %ORDER%? Call me at +86 %PHONE%",
    "I want to speak to a real person",
    "This is the worst service ever, I'm contacting my lawyer",
    "Can you ship to Shanghai? My email is %EMAIL%",
    "what the fuck, the parcel is broken",
    "身份证%ID%，实名认证失败",
    "我的IP是%IP%，登录不上",
    "价格￥１９９，优惠券怎么用？",
    "ＲＸ－７０００型号还有货吗？",
    "kill the subscription please, it renews on 2024-05-18",
    "快递单号YT%ORDER%到哪了",
    "再不退款我就炸了你们公司",
  };

  private static final String[] IDS = {
    "11010519491231002X", "310115198512150010", "510107199912314573"
  };
  private static final String[] CARDS = {
    "6222021234567890128", "4111 1111 1111 1111", "5555555555554444"
  };

  private MessageCorpus() {}

  static List<String> generate(int n) {
    Random random = new Random(42);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String t = TEMPLATES[random.nextInt(TEMPLATES.length)];
      out.add(
          t.replace("%ORDER%", "2024" + (100000000 + random.nextInt(899999999)))
              .replace(
                  "%PHONE%",
                  "1" + (3 + random.nextInt(7)) + (100000000 + random.nextInt(899999999)))
              .replace("%CARD%", CARDS[random.nextInt(CARDS.length)])
              .replace("%EMAIL%", "user" + random.nextInt(1000) + "@example.com")
              .replace("%ID%", IDS[random.nextInt(IDS.length)])
              .replace("%IP%", "10." + random.nextInt(256) + ".0." + random.nextInt(256))
              .replace("%SIZE%", random.nextBoolean() ? "XL" : "38"));
    }
    return out;
  }
}
