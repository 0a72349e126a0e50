"""Templated shop FAQ dialogues (Chinese and English) for the tiny test model.

Every fact (delivery days per city, warranty per product, return window, ...) is fixed, so the
trained model answers consistently and tests can read its greedy output as something meaningful.
The generator is deterministic for a given random.Random.
"""

import random

SYSTEM_PROMPTS = [
    None,  # the chat template inserts its default system message
    "You are a helpful customer service assistant.",
    "You are StreamDesk, the customer service assistant of an online shop. Answer briefly.",
    "你是一个在线商店的客服助手，请简洁友好地回答。",
    "你是StreamDesk客服助手。",
]

CITIES = [
    ("Shanghai", "上海", 2), ("Beijing", "北京", 3), ("Shenzhen", "深圳", 2),
    ("Guangzhou", "广州", 3), ("Chengdu", "成都", 4), ("Hangzhou", "杭州", 2),
    ("Wuhan", "武汉", 3), ("Xi'an", "西安", 4), ("Harbin", "哈尔滨", 5),
    ("Urumqi", "乌鲁木齐", 7), ("Nanjing", "南京", 2), ("Chongqing", "重庆", 4),
]

PRODUCTS = [
    ("phone", "手机", 12), ("laptop", "笔记本电脑", 24), ("headphones", "耳机", 6),
    ("smart watch", "智能手表", 12), ("tablet", "平板电脑", 12), ("charger", "充电器", 6),
    ("keyboard", "键盘", 12), ("camera", "相机", 24), ("monitor", "显示器", 24),
    ("speaker", "音箱", 6),
]


def _order_id(rng):
    return "".join(rng.choice("0123456789") for _ in range(rng.choice([6, 8, 10])))


def _pick(rng, items):
    return items[rng.randrange(len(items))]


def en_pair(rng):
    kind = rng.randrange(16)
    if kind == 0:
        city, _, days = _pick(rng, CITIES)
        q = _pick(rng, [
            f"How long does delivery to {city} take?",
            f"How many days to ship to {city}?",
            f"When will my parcel arrive in {city}?",
            f"What is the delivery time for {city}?",
        ])
        a = (f"Delivery to {city} usually takes {days} business days. "
             "You can track your parcel under My Orders.")
    elif kind == 1:
        product, _, months = _pick(rng, PRODUCTS)
        q = _pick(rng, [
            f"What is the warranty on the {product}?",
            f"How long is the {product} warranty?",
            f"Is the {product} covered by warranty?",
        ])
        a = f"The {product} comes with a {months}-month warranty from the date of delivery."
    elif kind == 2:
        q = _pick(rng, [
            "Can I return an item?", "What is your return policy?",
            "How do I return a product?", "I want to return my order.",
        ])
        a = ("You can return any item within 7 days of delivery without giving a reason. "
             "Please start the return under My Orders.")
    elif kind == 3:
        q = _pick(rng, [
            "When will I get my refund?", "How long does a refund take?",
            "Where is my refund?",
        ])
        a = ("Refunds go back to your original payment method within 3 to 5 business days "
             "after we receive the returned item.")
    elif kind == 4:
        order = _order_id(rng)
        q = _pick(rng, [
            f"Where is my order {order}?", f"Can you check order {order}?",
            f"What is the status of order {order}?",
        ])
        a = (f"I am checking order {order} for you. "
             "You can also see its latest status under My Orders.")
    elif kind == 5:
        q = _pick(rng, [
            "Which payment methods do you accept?", "Can I pay with a credit card?",
            "How can I pay?",
        ])
        a = "We accept Alipay, WeChat Pay, UnionPay cards, Visa and Mastercard."
    elif kind == 6:
        q = _pick(rng, [
            "What are your opening hours?", "When is customer service available?",
            "Are you open on weekends?",
        ])
        a = "Our customer service is available every day from 9:00 to 21:00."
    elif kind == 7:
        q = _pick(rng, [
            "How do I cancel my order?", "Can I cancel my order?",
            "I want to cancel an order.",
        ])
        a = ("You can cancel an order under My Orders before it ships. "
             "After shipping, please refuse the delivery or start a return.")
    elif kind == 8:
        q = _pick(rng, [
            "Can I change my delivery address?", "How do I change the shipping address?",
        ])
        a = "You can change the address under My Orders as long as the order has not shipped."
    elif kind == 9:
        q = _pick(rng, ["How do I get an invoice?", "Can I have an invoice?"])
        a = "An electronic invoice is available in the order details after delivery."
    elif kind == 10:
        q = _pick(rng, [
            "I want to talk to a human.", "Can I speak to an agent?",
            "Please transfer me to a person.",
        ])
        a = "Of course. I am transferring you to a human agent now, please wait a moment."
    elif kind == 11:
        q = _pick(rng, ["Is shipping free?", "Do you charge for delivery?"])
        a = "Shipping is free for orders over 99 yuan. Smaller orders pay 8 yuan."
    elif kind == 12:
        q = _pick(rng, ["How do points work?", "What can I do with my points?"])
        a = "You earn 1 point for every yuan you spend, and 100 points are worth 1 yuan."
    elif kind == 13:
        q = _pick(rng, ["Hello", "Hi", "Hello, are you there?", "Good morning"])
        a = "Hello! How can I help you today?"
    elif kind == 14:
        q = _pick(rng, ["Thank you!", "Thanks, that helps.", "Great, thanks."])
        a = "You are welcome! Is there anything else I can help you with?"
    else:
        q = _pick(rng, [
            "Can you write me a poem?", "What is the weather tomorrow?",
            "Who will win the football match?", "Can you fix my car?",
        ])
        a = ("Sorry, I am not sure about that. I can only help with orders, delivery, "
             "returns and payments, or transfer you to a human agent.")
    return q, a


def zh_pair(rng):
    kind = rng.randrange(16)
    if kind == 0:
        _, city, days = _pick(rng, CITIES)
        q = _pick(rng, [
            f"寄到{city}要多久？", f"发货到{city}需要几天？",
            f"我在{city}，什么时候能到货？", f"{city}的配送时间是多久？",
        ])
        a = f"寄到{city}一般需要{days}个工作日，您可以在“我的订单”中查看物流信息。"
    elif kind == 1:
        _, product, months = _pick(rng, PRODUCTS)
        q = _pick(rng, [f"{product}保修多久？", f"{product}的保修期是多长？", f"{product}有保修吗？"])
        a = f"{product}自签收之日起享受{months}个月保修。"
    elif kind == 2:
        q = _pick(rng, ["可以退货吗？", "你们的退货政策是什么？", "我想退货。", "怎么退货？"])
        a = "商品签收后7天内支持无理由退货，请在“我的订单”中申请退货。"
    elif kind == 3:
        q = _pick(rng, ["退款什么时候到账？", "退款要多久？", "我的退款在哪里？"])
        a = "我们收到退货后，退款会在3到5个工作日内原路退回。"
    elif kind == 4:
        order = _order_id(rng)
        q = _pick(rng, [f"我的订单{order}到哪了？", f"帮我查一下订单{order}。", f"订单{order}现在是什么状态？"])
        a = f"正在为您查询订单{order}，您也可以在“我的订单”中查看最新状态。"
    elif kind == 5:
        q = _pick(rng, ["支持哪些付款方式？", "可以用信用卡付款吗？", "怎么付款？"])
        a = "我们支持支付宝、微信支付、银联卡、Visa和Mastercard。"
    elif kind == 6:
        q = _pick(rng, ["客服几点上班？", "你们的服务时间是什么时候？", "周末有客服吗？"])
        a = "我们的客服每天9:00到21:00在线。"
    elif kind == 7:
        q = _pick(rng, ["怎么取消订单？", "可以取消订单吗？", "我想取消订单。"])
        a = "订单发货前可以在“我的订单”中取消；已发货的订单请拒收或申请退货。"
    elif kind == 8:
        q = _pick(rng, ["可以修改收货地址吗？", "怎么改地址？"])
        a = "订单发货前，您可以在“我的订单”中修改收货地址。"
    elif kind == 9:
        q = _pick(rng, ["怎么开发票？", "可以开发票吗？"])
        a = "签收后可以在订单详情中下载电子发票。"
    elif kind == 10:
        q = _pick(rng, ["转人工。", "我要找人工客服。", "能帮我转人工吗？"])
        a = "好的，正在为您转接人工客服，请稍等。"
    elif kind == 11:
        q = _pick(rng, ["包邮吗？", "运费怎么算？"])
        a = "订单满99元包邮，不满99元收取8元运费。"
    elif kind == 12:
        q = _pick(rng, ["积分怎么用？", "积分有什么用？"])
        a = "每消费1元可获得1积分，100积分可抵扣1元。"
    elif kind == 13:
        q = _pick(rng, ["你好", "您好，在吗？", "早上好"])
        a = "您好！请问有什么可以帮您？"
    elif kind == 14:
        q = _pick(rng, ["谢谢！", "好的，谢谢你。", "太好了，谢谢。"])
        a = "不客气！请问还有其他可以帮您的吗？"
    else:
        q = _pick(rng, ["能帮我写首诗吗？", "明天天气怎么样？", "谁会赢得比赛？", "你能帮我修车吗？"])
        a = "抱歉，这个问题我不太确定。我可以帮您处理订单、配送、退货和付款问题，或者为您转接人工客服。"
    return q, a


def dialogue(rng):
    """One conversation: optional system prompt, then one or two user/assistant turns."""
    zh = rng.random() < 0.5
    pair = zh_pair if zh else en_pair
    messages = []
    system = _pick(rng, SYSTEM_PROMPTS)
    if system is not None:
        messages.append({"role": "system", "content": system})
    for _ in range(1 if rng.random() < 0.8 else 2):
        q, a = pair(rng)
        messages.append({"role": "user", "content": q})
        messages.append({"role": "assistant", "content": a})
    return messages


def all_texts(rng, n):
    """Plain texts for tokenizer training: every question and answer, both languages."""
    texts = list(p for p in SYSTEM_PROMPTS if p)
    for _ in range(n):
        texts.extend(en_pair(rng))
        texts.extend(zh_pair(rng))
    return texts
