import { Type } from '@sinclair/typebox';

// Request schemas of the console API (typebox): shapes are checked before any handler runs.

const Str = (max = 200) => Type.String({ maxLength: max });
const Date_ = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const strict = { additionalProperties: false } as const;

export const Login = Type.Object({ user: Str(64), password: Str(256) }, strict);
export const ResidentParams = Type.Object({ id: Str(100) }, strict);
export const SectionParams = Type.Object(
  {
    id: Str(100),
    section: Type.Union(['koseki', 'tax', 'card', 'issuances', 'inkan'].map((s) => Type.Literal(s))),
  },
  strict,
);
export const ResidentSearch = Type.Object(
  {
    name: Type.Optional(Str(100)),
    kana: Type.Optional(Str(100)),
    birthDate: Type.Optional(Str(10)),
    address: Type.Optional(Str(100)),
  },
  strict,
);
export const Tennyu = Type.Object(
  {
    name: Str(60),
    kana: Str(60),
    birthDate: Date_,
    sex: Type.Union([Type.Literal('男'), Type.Literal('女')]),
    address: Str(),
    previousAddress: Str(),
    occurredOn: Type.Optional(Date_),
    honseki: Type.Optional(Str()),
    hittosha: Type.Optional(Str(60)),
  },
  strict,
);
export const Tenkyo = Type.Object({ address: Str(), occurredOn: Type.Optional(Date_) }, strict);
export const StatusEvent = Type.Object(
  { occurredOn: Type.Optional(Date_), detail: Type.Optional(Str()) },
  strict,
);
const Target = Type.Union([Type.Literal('juminhyo'), Type.Literal('koseki')]);
export const RestrictionSet = Type.Object({ target: Target, endsOn: Type.Optional(Date_) }, strict);
export const RestrictionLift = Type.Object({ target: Target }, strict);
export const KosekiPending = Type.Object({ pending: Type.Boolean() }, strict);
export const Empty = Type.Object({}, strict);
export const Tax = Type.Object(
  {
    fiscalYear: Type.Integer(),
    salary: Type.Integer({ minimum: 0 }),
    pension: Type.Integer({ minimum: 0 }),
    spouse: Type.Boolean(),
    dependents: Type.Integer({ minimum: 0, maximum: 20 }),
  },
  strict,
);
export const PinReset = Type.Object({ newPin: Type.String({ pattern: '^[0-9]{4}$' }) }, strict);
export const RegistrationQuery = Type.Object({ state: Type.Optional(Str(20)) }, strict);
export const ReceiptParams = Type.Object({ receipt: Str(100) }, strict);
export const Decision = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    reason: Type.Optional(Str(500)),
  },
  strict,
);
export const MaintenanceWindow = Type.Object(
  { start: Str(40), end: Str(40), note: Type.Optional(Str()) },
  strict,
);
export const WindowParams = Type.Object({ windowId: Str(100) }, strict);
export const Switchover = Type.Object({ taxSwitchoverEnd: Str(5) }, strict);
export const StatsQuery = Type.Object({ from: Type.Optional(Str(10)), to: Type.Optional(Str(10)) }, strict);
export const NumberParams = Type.Object({ number: Str(40) }, strict);
export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(Str(100)),
    action: Type.Optional(Str(100)),
    ref: Type.Optional(Str(100)),
    from: Type.Optional(Str(10)),
    to: Type.Optional(Str(10)),
    beforeSeq: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  },
  strict,
);
