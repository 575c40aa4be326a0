import type { PolicyLanguage } from '#shared/transparency/domain/privacy-policy.ts';

/** The names of the report's key figures, in English. */
const enFigures = {
  received: 'Complaints received',
  monthlyActivePeople: 'Monthly active people',
  complaintsPerThousandActivePeople: 'Complaints per thousand active people',
  answeredWithin24HoursShare: 'First response within 24 hours',
  answeredWithin24HoursMet: 'First responses within 24 hours',
  answeredWithin24HoursMissed: 'First responses later than 24 hours',
  firstResponseMedian: 'Median time to first response (minutes)',
  firstResponseP90: '90th percentile time to first response (minutes)',
  resolved: 'Complaints resolved',
  resolvedLate: 'Complaints resolved late',
  resolutionMedian: 'Median time to resolution (hours)',
  noticesTotal: 'Notices received',
  byTrustedFlaggers: 'Notices from trusted flaggers',
  medianMinutesToAction: 'Median time to action (minutes)',
  decisionsTotal: 'Moderation decisions',
  onLegalGround: 'Decided on the basis of law',
  onTermsGround: 'Decided on the basis of the terms',
  automatedOnlyShare: 'Decided by automated means alone',
  screened: 'Items screened automatically',
  precision: 'Screening precision',
  recall: 'Screening recall',
  appealsReceived: 'Appeals received',
  medianHoursToDecide: 'Median time to decide an appeal (hours)',
  suspensions: 'Suspensions for misuse (Art. 23)',
  ordersToAct: 'Authority orders to act',
  ordersToProvideInformation: 'Authority orders to provide information',
  rewardsGranted: 'Rewards granted',
  rewardsCancelled: 'Rewards cancelled',
  auditsScheduled: 'Audits scheduled',
  auditsCompleted: 'Audits completed',
  findingsReopened: 'Findings reopened',
  medianDaysToFix: 'Median time to fix a finding (days)',
  incidentsTotal: 'Security incidents',
  incidentRate: 'Incidents per million active people',
  campaigns: 'Education campaigns',
  reached: 'People reached',
  readShare: 'Read',
  staffAccessesTotal: 'Staff accesses to personal data',
  versionInForce: 'Privacy policy version in force',
};
export type FigureKey = keyof typeof enFigures;

/** The words of the report's public page, in each language the platform writes in. */
export interface ReportPageText {
  title: (quarter: string) => string;
  version: string;
  publishedAt: string;
  period: string;
  compiledAt: string;
  /** Said of figures compiled before the quarter's end. */
  quarterUnderWay: string;
  supersedes: string;
  contentHash: string;
  correction: string;
  downloads: string;
  otherLanguage: { language: PolicyLanguage; label: string };
  summary: string;
  item: string;
  number: string;
  share: string;
  notMeasured: string;
  sections: Record<'customerService' | 'trustAndSafety' | 'satisfaction' | 'security' | 'dataUse', string>;
  charts: Record<
    | 'complaintsByChannel'
    | 'complaintsByCategory'
    | 'noticesByCategory'
    | 'decisionsByRestriction'
    | 'appealOutcomes'
    | 'satisfactionByMonth'
    | 'findingsOpened'
    | 'incidentsByCategory'
    | 'staffAccessesByRole',
    string
  >;
  keyFigures: string;
  figures: Record<FigureKey, string>;
  satisfactionColumns: { month: string; responses: string; score: string; lower: string; upper: string; verdict: string };
  dataCategoryColumns: { category: string; purposes: string; legalBasis: string; retention: string };
}

const en: ReportPageText = {
  title: (quarter) => `Transparency report ${quarter}`,
  version: 'Version',
  publishedAt: 'Published',
  period: 'Reporting period',
  compiledAt: 'Figures compiled',
  quarterUnderWay: 'the quarter was still under way: figures to that date',
  supersedes: 'Replaces version',
  contentHash: 'Content hash',
  correction: 'What this version corrects',
  downloads: 'The same report as data',
  otherLanguage: { language: 'zh-CN', label: '中文' },
  summary: 'Summary',
  item: 'Item',
  number: 'Number',
  share: 'Share',
  notMeasured: 'n/a',
  sections: {
    customerService: 'Customer service',
    trustAndSafety: 'Trust and safety',
    satisfaction: 'Satisfaction',
    security: 'Security',
    dataUse: 'How we use data',
  },
  charts: {
    complaintsByChannel: 'Complaints received by channel',
    complaintsByCategory: 'Complaints received by category',
    noticesByCategory: 'Notices received by category',
    decisionsByRestriction: 'Moderation decisions by type of restriction',
    appealOutcomes: 'Outcomes of appeals',
    satisfactionByMonth: 'Satisfaction score by month (target 90%)',
    findingsOpened: 'Security findings opened by severity',
    incidentsByCategory: 'Security incidents by category',
    staffAccessesByRole: 'Staff accesses to personal data by role',
  },
  keyFigures: 'Key figures',
  figures: enFigures,
  satisfactionColumns: { month: 'Month', responses: 'Responses', score: 'Score', lower: 'Lower bound (95%)', upper: 'Upper bound (95%)', verdict: 'Verdict' },
  dataCategoryColumns: { category: 'Personal data', purposes: 'Why', legalBasis: 'Legal basis', retention: 'Kept for' },
};

const zhCN: ReportPageText = {
  title: (quarter) => `透明度报告 ${quarter}`,
  version: '版本',
  publishedAt: '发布时间',
  period: '报告期间',
  compiledAt: '数据统计时间',
  quarterUnderWay: '统计时本季度尚未结束：数据截至该时间',
  supersedes: '取代版本',
  contentHash: '内容哈希',
  correction: '本版本的更正内容',
  downloads: '本报告的数据格式',
  otherLanguage: { language: 'en', label: 'English' },
  summary: '摘要',
  item: '项目',
  number: '数量',
  share: '比例',
  notMeasured: '无数据',
  sections: { customerService: '客户服务', trustAndSafety: '信任与安全', satisfaction: '满意度', security: '安全', dataUse: '我们如何使用数据' },
  charts: {
    complaintsByChannel: '按渠道统计的投诉',
    complaintsByCategory: '按类别统计的投诉',
    noticesByCategory: '按类别统计的举报',
    decisionsByRestriction: '按限制类型统计的审核决定',
    appealOutcomes: '申诉结果',
    satisfactionByMonth: '每月满意度（目标 90%）',
    findingsOpened: '按严重程度统计的新安全问题',
    incidentsByCategory: '按类别统计的安全事件',
    staffAccessesByRole: '按角色统计的员工访问个人数据次数',
  },
  keyFigures: '主要数据',
  figures: {
    received: '收到的投诉',
    monthlyActivePeople: '月活跃用户',
    complaintsPerThousandActivePeople: '每千名活跃用户的投诉数',
    answeredWithin24HoursShare: '24 小时内首次回复',
    answeredWithin24HoursMet: '24 小时内首次回复的数量',
    answeredWithin24HoursMissed: '超过 24 小时首次回复的数量',
    firstResponseMedian: '首次回复时间中位数（分钟）',
    firstResponseP90: '首次回复时间第 90 百分位（分钟）',
    resolved: '已解决的投诉',
    resolvedLate: '逾期解决的投诉',
    resolutionMedian: '解决时间中位数（小时）',
    noticesTotal: '收到的举报',
    byTrustedFlaggers: '可信举报者的举报',
    medianMinutesToAction: '处理时间中位数（分钟）',
    decisionsTotal: '审核决定',
    onLegalGround: '依据法律作出的决定',
    onTermsGround: '依据条款作出的决定',
    automatedOnlyShare: '完全自动作出的决定',
    screened: '自动筛查的内容',
    precision: '筛查精确率',
    recall: '筛查召回率',
    appealsReceived: '收到的申诉',
    medianHoursToDecide: '申诉决定时间中位数（小时）',
    suspensions: '因滥用而暂停（第 23 条）',
    ordersToAct: '主管机关的处理命令',
    ordersToProvideInformation: '主管机关的信息提供命令',
    rewardsGranted: '发放的奖励',
    rewardsCancelled: '取消的奖励',
    auditsScheduled: '计划的审计',
    auditsCompleted: '完成的审计',
    findingsReopened: '重新打开的问题',
    medianDaysToFix: '修复问题时间中位数（天）',
    incidentsTotal: '安全事件',
    incidentRate: '每百万活跃用户的事件数',
    campaigns: '安全教育活动',
    reached: '覆盖人数',
    readShare: '阅读比例',
    staffAccessesTotal: '员工访问个人数据次数',
    versionInForce: '现行隐私政策版本',
  },
  satisfactionColumns: { month: '月份', responses: '回复数', score: '得分', lower: '下限（95%）', upper: '上限（95%）', verdict: '结论' },
  dataCategoryColumns: { category: '个人数据', purposes: '用途', legalBasis: '法律依据', retention: '保存期限' },
};

export const reportPageText: Record<PolicyLanguage, ReportPageText> = { en, 'zh-CN': zhCN };
