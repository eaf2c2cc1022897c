import type { Order } from '../ports/order-lookup.ts';

/** A date range in the shop's local calendar, `MM-DD` (every year) or `YYYY-MM-DD`, both ends included. */
export interface DateRange {
  from: string;
  to: string;
  name: string;
}

/**
 * The time rules of a shop's policies as configuration (examples/lizi-shop/policies: order-cancel 2 and 1, shipping
 * 1, 2 and 4, after-sales 1.1, 2 and 5, price-protection 2). Shops override them in shop.json `timeRules`.
 */
export interface PolicyTimeRules {
  /** The shop's time zone as a fixed offset (Beijing: +480, no daylight saving). */
  utcOffsetMinutes: number;
  /** Unpaid orders are cancelled this long after creation. */
  unpaidAutoCancelMinutes: number;
  /** Customers may cancel an order that has not shipped on their own this long after creation. */
  selfCancelHours: number;
  /** Cut-off times, `HH:MM`: paid before it ships the same day. */
  cutoffs: { weekday: string; sunday: string; holiday: string };
  /** Public holidays with the holiday cut-off. */
  holidays: DateRange[];
  /** Peak periods (618, 双11 and 3 days after) where cut-offs pause and orders ship within hours. */
  peaks: (DateRange & { shipWithinHours: [number, number] })[];
  /** Days for returns without reason, counted from 0:00 of the day after signing. */
  noReasonReturnDays: number;
  /** Hours after signing to report transport damage. */
  damageReportHours: number;
  /** Hours after payment for price protection, counted exactly. */
  priceProtectionHours: number;
}

export const DEFAULT_POLICY_TIME_RULES: PolicyTimeRules = {
  utcOffsetMinutes: 480,
  unpaidAutoCancelMinutes: 30,
  selfCancelHours: 2,
  cutoffs: { weekday: '16:00', sunday: '12:00', holiday: '12:00' },
  holidays: [],
  peaks: [
    { from: '06-01', to: '06-21', name: '618', shipWithinHours: [48, 72] },
    { from: '11-01', to: '11-14', name: '双11', shipWithinHours: [48, 72] },
  ],
  noReasonReturnDays: 7,
  damageReportHours: 48,
  priceProtectionHours: 168,
};

export type RuleName =
  | 'unpaid'
  | 'self-cancel'
  | 'shipping-cutoff'
  | 'no-reason-return'
  | 'damage-report'
  | 'price-protection';

/** One rule applied to one order at one moment. */
export interface RuleResult {
  rule: RuleName;
  /** true: the customer is within the rule's window; false: past it or not eligible; null: not known (no sign time). */
  open: boolean | null;
  /** End of the window, ms since the epoch, when known. */
  deadline?: number;
  /** The result as a sentence given to the model. */
  fact: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface Local {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  /** 0 = Sunday. */
  weekday: number;
}

function local(ms: number, rules: PolicyTimeRules): Local {
  const t = new Date(ms + rules.utcOffsetMinutes * 60_000);
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: t.getUTCHours(),
    mm: t.getUTCMinutes(),
    weekday: t.getUTCDay(),
  };
}

/** Epoch ms of a local wall-clock time. */
function epoch(y: number, m: number, d: number, hh: number, mm: number, rules: PolicyTimeRules): number {
  return Date.UTC(y, m - 1, d, hh, mm) - rules.utcOffsetMinutes * 60_000;
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (l: Local) => `${l.m}月${l.d}日`;
const at = (l: Local) => `${day(l)}${pad(l.hh)}:${pad(l.mm)}`;

function inRange(l: Local, r: DateRange): boolean {
  const key = (s: string) => (s.length === 5 ? `${l.y}-${s}` : s);
  const today = `${l.y}-${pad(l.m)}-${pad(l.d)}`;
  return key(r.from) <= today && today <= key(r.to);
}

function minutes(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new Error(`time rule: "${hhmm}" is not HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** When an order paid at `paidAt` ships under the cut-off rules: the local day, or a window in a peak period. */
export function shippingDay(
  paidAt: number,
  rules: PolicyTimeRules = DEFAULT_POLICY_TIME_RULES,
): {
  fact: string;
  /** The end of the expected shipping day (or window), ms. */
  latest: number;
} {
  const paid = local(paidAt, rules);
  const peak = rules.peaks.find((p) => inRange(paid, p));
  if (peak) {
    const [lo, hi] = peak.shipWithinHours;
    return {
      fact: `${at(paid)}付款，正值${peak.name}大促，截单时间暂停，付款后${lo}-${hi}小时内发出（最晚${at(local(paidAt + hi * HOUR, rules))}）`,
      latest: paidAt + hi * HOUR,
    };
  }
  const cutoffOf = (l: Local) => {
    if (rules.holidays.some((h) => inRange(l, h))) return { time: rules.cutoffs.holiday, what: '节假日' };
    if (l.weekday === 0) return { time: rules.cutoffs.sunday, what: '周日' };
    return { time: rules.cutoffs.weekday, what: '' };
  };
  const cutoff = cutoffOf(paid);
  const before = paid.hh * 60 + paid.mm < minutes(cutoff.time);
  const shipDay = before ? paid : local(epoch(paid.y, paid.m, paid.d, 12, 0, rules) + DAY, rules);
  const latest = epoch(shipDay.y, shipDay.m, shipDay.d, 23, 59, rules);
  const when = before ? `当天（${day(shipDay)}）发出` : `${day(shipDay)}发出`;
  return {
    fact: `${at(paid)}付款，${before ? '在' : '晚于'}${cutoff.what}${cutoff.time}截单时间${before ? '前' : ''}，按规则${when}`,
    latest,
  };
}

/**
 * The shop's time rules applied to one order at `now` (an injected clock, never the system time), as facts for the
 * model: 「您的订单已打包，已超过2小时自助取消时限」.
 * @example evaluatePolicyRules(order, clock.now()).map((r) => r.fact)
 */
export function evaluatePolicyRules(
  order: Order,
  now: number,
  rules: PolicyTimeRules = DEFAULT_POLICY_TIME_RULES,
): RuleResult[] {
  const out: RuleResult[] = [];
  const created = Date.parse(order.createdAt);
  const paid = order.paidAt ? Date.parse(order.paidAt) : null;
  const signed = order.signedAt ? Date.parse(order.signedAt) : null;
  const notShipped = order.status === '待发货' || order.status === '已打包';

  if (order.status === '待付款') {
    const deadline = created + rules.unpaidAutoCancelMinutes * 60_000;
    out.push({
      rule: 'unpaid',
      open: now < deadline,
      deadline,
      fact:
        now < deadline
          ? `订单还未付款，${at(local(deadline, rules))}前未付款会自动取消`
          : `订单超过${rules.unpaidAutoCancelMinutes}分钟未付款，会被系统自动取消`,
    });
  }

  if (notShipped) {
    const deadline = created + rules.selfCancelHours * HOUR;
    const open = now < deadline;
    const state = `您的订单${order.status === '已打包' ? '已打包' : '还未打包'}`;
    out.push({
      rule: 'self-cancel',
      open,
      deadline,
      fact: open
        ? `${state}，下单不到${rules.selfCancelHours}小时，可以在「我的订单」里自助取消（${at(local(deadline, rules))}前）`
        : order.status === '已打包'
          ? `${state}，已超过${rules.selfCancelHours}小时自助取消时限，客服也无法再取消，建议收货后按7天无理由退货处理`
          : `${state}，已超过${rules.selfCancelHours}小时自助取消时限，可以联系客服申请取消，核实后全额退款`,
    });
    if (paid !== null) {
      const ship = shippingDay(paid, rules);
      out.push({
        rule: 'shipping-cutoff',
        open: now <= ship.latest,
        deadline: ship.latest,
        fact: now <= ship.latest ? ship.fact : `${ship.fact}，现在已超过预计发出时间，可以帮您联系仓库催发`,
      });
    }
  } else if (order.status === '已发货' || order.status === '已签收') {
    out.push({
      rule: 'self-cancel',
      open: false,
      fact: '订单已经发出，无法取消：可以派送时拒收，或签收后申请7天无理由退货',
    });
  }

  if (order.status === '已签收' || signed !== null) {
    if (signed === null) {
      const unknown = '签收时间以物流记录为准，请在「订单详情」里查看签收时间';
      out.push({
        rule: 'no-reason-return',
        open: null,
        fact: `7天无理由退货从签收次日0点起算7天；${unknown}`,
      });
      out.push({
        rule: 'damage-report',
        open: null,
        fact: `运输破损需在签收后${rules.damageReportHours}小时内反馈；${unknown}`,
      });
    } else {
      const s = local(signed, rules);
      const returnDeadline = epoch(s.y, s.m, s.d, 0, 0, rules) + (rules.noReasonReturnDays + 1) * DAY;
      const lastDay = local(returnDeadline - 1, rules);
      out.push({
        rule: 'no-reason-return',
        open: now < returnDeadline,
        deadline: returnDeadline,
        fact:
          now < returnDeadline
            ? `${day(s)}签收，7天无理由退货可在${day(lastDay)}24:00前申请`
            : `${day(s)}签收，已超过7天无理由退货期限（${day(lastDay)}24:00截止）`,
      });
      const damageDeadline = signed + rules.damageReportHours * HOUR;
      out.push({
        rule: 'damage-report',
        open: now < damageDeadline,
        deadline: damageDeadline,
        fact:
          now < damageDeadline
            ? `运输破损请在${at(local(damageDeadline, rules))}前（签收后${rules.damageReportHours}小时内）拍照反馈`
            : `已超过签收后${rules.damageReportHours}小时的破损反馈时限，仍可按普通质量问题申请售后`,
      });
    }
  }

  if (paid !== null && order.status !== '已取消') {
    const deadline = paid + rules.priceProtectionHours * HOUR;
    out.push({
      rule: 'price-protection',
      open: now < deadline,
      deadline,
      fact:
        now < deadline
          ? `${at(local(paid, rules))}付款，价保可在${at(local(deadline, rules))}前申请`
          : `${at(local(paid, rules))}付款，已超过付款后${rules.priceProtectionHours / 24}天的价保期（${at(local(deadline, rules))}截止）`,
    });
  }
  return out;
}
