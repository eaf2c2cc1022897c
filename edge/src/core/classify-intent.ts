import { SMALL_TALK_WORDS } from './is-small-talk.ts';

/** Topic labels of a customer message (shared/eval/README.md). */
export type Intent =
  | 'shipping'
  | 'order_change'
  | 'after_sales'
  | 'product'
  | 'invoice'
  | 'promotion'
  | 'payment'
  | 'account'
  | 'other';

/** Cues of one intent: `strong` ones name the topic, `weak` ones only hint at it. */
export interface IntentCues {
  strong: RegExp;
  weak?: RegExp;
}

/**
 * Intent cues, in precedence order: when a message names several topics, the more specific one wins (发票 in a
 * refund question is an invoice question; 积分 after a return is an account question; 运费 of a repair is
 * after-sales). A strong cue of any intent beats every weak cue.
 */
export const DEFAULT_INTENT_CUES: [Intent, IntentCues][] = [
  ['invoice', { strong: /发票|专票|普票|开票|抬头|纳税人|税号|增值税/ }],
  [
    'order_change',
    {
      strong:
        /取消|改地址|换.{0,4}地址|地址.{0,4}换|改.{0,3}地址|地址.{0,10}改|地址.{0,2}(?:写|填)错|地址错了|(?:手机号|电话).{0,2}(?:写|填)错|改成|改到|拍错|下错|定金|尾款|不想要了|合并订单|修改订单|改订单|改收货|改电话|备注|加商品|一起发|拆单/,
      weak: /地址|改/,
    },
  ],
  [
    'account',
    {
      strong: /积分|会员|金卡|银卡|黑卡|等级|账号|帐号|登录|注册|绑定|换绑|换手机号|换了手机号|升级券|生日/,
    },
  ],
  [
    'promotion',
    {
      strong: /价保|保价|差价|降价|优惠券|领券|新人券|新人|券|价格保护|便宜了|优惠码|秒杀/,
      weak: /满\d*减|满减|活动|赠品|便宜|优惠|折扣|打折|凑单/,
    },
  ],
  [
    'payment',
    {
      strong:
        /分期|货到付款|余额|待付款|钱扣了|扣了钱|扣款|扣了两次|重复扣|付了两次|付了钱|再付钱|支付方式|付款方式|信用卡|微信支付|微信付|支付宝|云闪付|apple ?pay|(?:付款|支付|付钱).{0,6}(?:失败|不了|不成功)|付不了|怎么付/i,
      weak: /花呗|付款|支付/,
    },
  ],
  [
    'after_sales',
    {
      strong:
        /退货|退款|退钱|换货|售后|工单|运费险|坏的|是坏|坏掉|保修|维修|返修|寄回|自己去寄|修要|修的|能修|进水|坏了|烧坏|碎了|破损|裂了|少了|少发|漏发|发错|错发|发成|不一样|质量问题|不保温|效果变差|漏水|变形|鼓包|无理由|驳回|上门取|面单|退回|补发|拒收|验货|开箱视频|配件|密封圈|瑕疵|划痕|刀头|打不碎|不制热|充不进|充不了|不能用|到付|平邮/,
      weak: /退|换|修|质量/,
    },
  ],
  [
    'shipping',
    {
      strong:
        /发货|发出|寄出|几天到|多久到|几天能到|快递|物流|包邮|运费|邮费|顺丰|中通|圆通|申通|韵达|京东|邮政|截单|寄到|(?<!缺货.{0,8}|补货.{0,8})到货|单号|发没发|没到|还没到|还不到|再不到|到不了|再发|才发|晚.{0,3}发|延迟发|从哪.{0,2}发|配送|派送|送货上门|自提|仓库拿|驿站|送到|偏远|签收|没收到|收不到|能发|发吗|当天发|今天发|包裹|不在家|才在家/,
      weak: /寄|发|到了没/,
    },
  ],
  [
    'product',
    {
      strong:
        /容量|多大|多重|重不重|续航|防水|功率|刻字|刻名字|定制|区别|怎么选|有货|缺货|补货|库存|材质|适合|能装|能泡|能用吗|能吸|磁吸|怎么用|怎么洗|怎么连|连不上|怎么开|怎么换(?!货)|模式|耳塞|吸嘴|替换|熟度|正品|质检|3C|认证|靠谱|蓝牙|配对|说明书|尺寸|多少瓦|Wh|充电|降噪|保温多久|几档|调温|电脑|笔记本|飞机/i,
      weak: /杯|壶|耳机|充电宝|充电器|充电头|(?<![无有])线(?![下上路])|手机壳|壳|榨汁|煮蛋|蒸蛋|没声|Pro|Air|Buds|iPhone/i,
    },
  ],
];

/** A question about how long a warranty lasts: about the product when one is named, about after-sales otherwise. */
const WARRANTY_LENGTH = /保修(?:多久|期|多长|几年|几个月)/;
const DEFECT = /坏|不能|不了|没声|进水|鼓包|变形|漏|碎|还在保修|能保修|给保修/;

/** Small talk and off-topic chat: such a message never inherits the topic of earlier turns. */
const CHITCHAT = new RegExp(
  `^(?:${SMALL_TALK_WORDS.join('|')})|机器人|笑话|天气|门店|下班|几点上班|人工客服`,
  'i',
);

function scoreOf(text: string): Intent {
  for (const [intent, c] of DEFAULT_INTENT_CUES) if (c.strong.test(text)) return intent;
  for (const [intent, c] of DEFAULT_INTENT_CUES) if (c.weak?.test(text)) return intent;
  return 'other';
}

/**
 * The topic of a customer message. Messages without a topic of their own (说了半天也没解决，帮我转人工; 垃圾服务！！！)
 * take the topic of the previous customer message, unless they are small talk.
 * @example classifyIntent('价保退了差价，发票按哪个金额开', []) // 'invoice'
 */
export function classifyIntent(
  text: string,
  history: string[] = [],
  /** True when the message refers to one product (a resolved SKU). */
  productNamed = false,
): Intent {
  if (productNamed && WARRANTY_LENGTH.test(text) && !DEFECT.test(text)) return 'product';
  const own = scoreOf(text);
  if (own !== 'other' || CHITCHAT.test(text.trim())) return own;
  const previous = history.at(-1);
  return previous === undefined ? 'other' : scoreOf(previous);
}
