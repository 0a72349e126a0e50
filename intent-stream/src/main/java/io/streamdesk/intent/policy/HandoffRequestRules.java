package io.streamdesk.intent.policy;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rules for an explicit request to talk to a human, in Chinese and English. A message is split into
 * clauses at sentence punctuation; a clause counts when it asks for a human ({@code 转人工}, {@code
 * 找人工客服}, {@code 叫你们经理来}, {@code talk to a real person}, {@code agent please}, {@code escalate}) or
 * rejects the bot ({@code 不要机器人}, {@code stop the bot}), unless it only asks <em>whether</em> it
 * talks to a human ({@code 你是真人吗}, {@code is this a human?}) or negates the request ({@code 不用转人工},
 * {@code I don't need an agent}). Words that merely contain 人工 or 真人 (人工费, 人工智能, 真人秀) do not count.
 */
final class HandoffRequestRules {

  /** Every rule needs one of these words; most messages have none and skip the regexes. */
  private static final PhraseTrie<Boolean> TRIGGERS =
      PhraseTrie.of(
          Stream.of(
                  "人工",
                  "真人",
                  "客服",
                  "经理",
                  "主管",
                  "机器",
                  "活人",
                  "自动回复",
                  "ai",
                  "human",
                  "humans",
                  "person",
                  "people",
                  "agent",
                  "agents",
                  "representative",
                  "rep",
                  "operator",
                  "someone",
                  "somebody",
                  "manager",
                  "supervisor",
                  "escalate",
                  "bot",
                  "bots",
                  "robot",
                  "machine",
                  "chatbot",
                  "staff",
                  "customer service")
              .collect(Collectors.toMap(w -> w, w -> Boolean.TRUE)));

  private static final Pattern CLAUSE_SPLIT = Pattern.compile("[，。！？；,.!?;\\n]+");

  /** 人工 / 真人 / 客服 as a person, not as part of 人工费, 人工智能, 真人秀, 客服电话 ... */
  private static final String ZH_HUMAN =
      "(?:人工客服|人工服务(?!费)|人工坐席|真人客服|客服人员|客服专员|值班经理|活人|经理|主管"
          + "|人工(?!费|智能|成本|安装|合成|降雨|养殖|授精|种植|草|湖|造|服务费)"
          + "|真人(?!秀|版|cs|CS|电影|尺寸|大小|照片|图|实拍)"
          + "|客服(?!电话|热线|邮箱|工作时间|时间|上班))";

  private static final Pattern ZH_REQUEST =
      Pattern.compile(
          "转(?:接|到|给|成)?(?:一下|下)?(?:人工|真人|客服)"
              + "|(?:找|要|叫|换|联系|接通|呼叫|请|让|喊)(?:一?个|一下|下|你们的?|你们)?"
              + ZH_HUMAN
              + "|有没有"
              + ZH_HUMAN
              + "|有"
              + ZH_HUMAN
              + "吗"
              + "|人工客服|人工服务(?!费)"
              + "|(?:不要|不想要?|别用|受不了|不想跟|不想和)(?:跟|和)?(?:机器人|机器|智能客服|自动回复|ai|AI)");

  private static final Pattern ZH_BARE =
      Pattern.compile("^(?:请|我要)?(?:人工|真人|客服|人工客服|真人客服)(?:吧|啊|呀|谢谢)?$");

  private static final Pattern ZH_NEGATED =
      Pattern.compile("(?:不用|不要|不需要|无需|没必要|别|不想|不必)(?:再|给我)?(?:转|找|要|叫)?(?:接)?(?:人工|真人|客服|经理)");

  private static final Pattern ZH_IDENTITY =
      Pattern.compile(
          "(?:你是|你们是|这是|对面是|是不是|是否|是)(?:一个|个)?(?:真人|人工|机器人|机器|ai|智能客服|真的人)(?:客服)?"
              + "(?:吗|么|嘛|吧|呢|还是.*)?$");

  private static final String EN_HUMAN =
      "(?:human(?:\\s+(?:being|agent))?|real\\s+(?:person|human|people)|live\\s+(?:agent|person|chat|support|representative|rep)"
          + "|actual\\s+(?:person|human)|person|people|agent|representative|rep|operator|someone|somebody"
          + "|manager|supervisor|staff\\s+member|customer\\s+service)";

  private static final Pattern EN_REQUEST =
      Pattern.compile(
          "\\b(?:talk|speak|chat|connect|transfer|put|pass)\\s+(?:me\\s+)?(?:through\\s+)?(?:to|with)\\s+"
              + "(?:(?:a|an|the|some|your|one\\s+of\\s+your)\\s+)?(?:real\\s+|live\\s+|actual\\s+)?"
              + EN_HUMAN
              + "\\b"
              + "|\\b(?:want|need|get|give|request|(?:can|could|may)\\s+i\\s+have)\\s+(?:me\\s+)?"
              + "(?:(?:a|an|the|to\\s+(?:talk|speak)\\s+to(?:\\s+(?:a|an|the))?)\\s+)?"
              + "(?:human|agent|representative|rep|operator|manager|supervisor"
              + "|(?:real|live|actual)\\s+(?:person|human))\\b"
              + "|\\b(?:human|live|real)\\s+(?:agent|person|representative|support|help)\\b"
              + "|\\bescalate\\b"
              + "|\\b(?:stop|no\\s+more|enough\\s+of|tired\\s+of|hate)\\s+(?:the\\s+|this\\s+|talking\\s+to\\s+(?:a\\s+|the\\s+)?)?(?:bot|bots|robot|machine|chatbot|ai)\\b"
              + "|\\b(?:don't|do\\s+not|dont)\\s+want\\s+(?:to\\s+(?:talk|speak|chat)\\s+(?:to|with)\\s+)?(?:a\\s+|the\\s+)?(?:bot|robot|machine|chatbot|ai)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern EN_BARE =
      Pattern.compile(
          "^(?:an?\\s+)?(?:agent|human|representative|rep|operator|real\\s+person|live\\s+agent|person|customer\\s+service|human\\s+please)"
              + "(?:\\s+(?:please|pls|plz|now))?$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern EN_NEGATED =
      Pattern.compile(
          "\\b(?:don't|do\\s+not|dont|no\\s+need\\s+(?:for|to)|never|won't|not)\\s+(?:\\S+\\s+){0,3}?"
              + "(?:a\\s+|an\\s+|the\\s+)?(?:real\\s+|live\\s+)?(?:human|agent|representative|person|operator|manager)\\b",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern EN_IDENTITY =
      Pattern.compile(
          "^(?:is\\s+(?:this|that|it)|are\\s+(?:you|u)|r\\s+u|am\\s+i\\s+(?:talking|speaking|chatting)\\s+(?:to|with)"
              + "|who\\s+am\\s+i\\s+(?:talking|speaking)\\s+(?:to|with))\\b.*"
              + "\\b(?:human|real|person|bot|robot|ai|machine|agent|automated|people)\\b.*$",
          Pattern.CASE_INSENSITIVE);

  private HandoffRequestRules() {}

  /** The phrase of the first clause that asks for a human, if any. */
  static Optional<String> find(String text) {
    if (TRIGGERS.find(text).isEmpty()) {
      return Optional.empty();
    }
    for (String raw : CLAUSE_SPLIT.split(text)) {
      String clause = raw.strip();
      if (clause.isEmpty()) {
        continue;
      }
      Optional<String> hit = inClause(clause);
      if (hit.isPresent()) {
        return hit;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> inClause(String clause) {
    if (ZH_IDENTITY.matcher(clause).find() || EN_IDENTITY.matcher(clause).matches()) {
      return Optional.empty();
    }
    if (ZH_BARE.matcher(clause).matches() || EN_BARE.matcher(clause).matches()) {
      return Optional.of(clause);
    }
    Matcher zh = ZH_REQUEST.matcher(clause);
    if (zh.find() && !ZH_NEGATED.matcher(clause).find()) {
      return Optional.of(zh.group());
    }
    Matcher en = EN_REQUEST.matcher(clause);
    if (en.find() && !isNegatedEnglishRequest(clause, en)) {
      return Optional.of(en.group().toLowerCase(Locale.ROOT));
    }
    return Optional.empty();
  }

  /** "I don't need an agent" negates; "I don't want a bot" is itself the request. */
  private static boolean isNegatedEnglishRequest(String clause, Matcher request) {
    String phrase = request.group().toLowerCase(Locale.ROOT);
    boolean rejectsBot = phrase.matches(".*\\b(?:bot|bots|robot|machine|chatbot|ai)$");
    return !rejectsBot && EN_NEGATED.matcher(clause).find();
  }
}
