import type { ContextManifest } from '#shared/manifest/types.ts';
import { definitionEditorRoles, surveyStaffRoles } from '#shared/surveys/domain/roles.ts';
import { pkSkKey, stringIndex } from '#shared/manifest/keys.ts';
import { outboxStreamFunction } from '#shared/manifest/outbox-stream.ts';

/**
 * Satisfaction surveys: the monthly survey, the post-resolution survey, their definitions and results.
 * Plain data, no CDK: infra/manifest.ts composes it with the other contexts' for the CDK stacks and
 * the local stack.
 */
export const surveysManifest = {
  name: 'surveys',
  tables: {
    surveys: {
      logicalId: 'SurveysTable',
      outbox: true,
      localName: 'surveys',
      envVar: 'SURVEYS_TABLE_NAME',
      ...pkSkKey,
      globalIndexes: [
        stringIndex('openCampaigns', 'openPk', 'openSk'),
        stringIndex('reminders', 'reminderPk', 'reminderSk'),
        stringIndex('byRetentionDay', 'retentionDay', 'retentionSk'),
      ],
      accessPatterns: [
        'survey definition version: GetItem pk=DEFINITION#<kind>, sk=V#<version>; conditional PutItem for a new version',
        'current definition of a kind: Query pk=DEFINITION#<kind>, descending, Limit 1',
        'campaign by id (<month>-<kind>): GetItem pk=CAMPAIGN#<id>, sk=CAMPAIGN; BatchGetItem for a range of months',
        'open campaigns due to close (sparse: open ones only): Query openCampaigns openPk=OPEN, openSk <= <now>',
        'a user seen during a monthly campaign (its sampling frame): GetItem / conditional PutItem pk=USER#<sub>, sk=SEEN#<campaign>',
        "a user's invitation and its response: GetItem / conditional PutItem pk=USER#<sub>, sk=INVITE#<invitation>",
        "a user's recent invitations: Query pk=USER#<sub>, sk between INVITE#<month> and INVITE#~",
        'an invitation by its own id (the one its events name): GetItem pk=INVITATION#<inv id>, sk=INVITATION (the person and survey), then the invitation',
        'invitations awaiting their reminder, soonest closing first (sparse: unanswered, unreminded ones only): Query reminders reminderPk=REMINDERS, reminderSk < <now + reminder lead>#~ (reminderSk=<closes at>#<inv id>)',
        'one survey per resolved complaint: GetItem / conditional PutItem pk=COMPLAINT#<id>, sk=SURVEYED',
        "a user's survey items, for their export and erasure: Query pk=USER#<sub> (sk begins_with INVITE# or SEEN#)",
        'answers whose free text is due to go on a day (sparse: answers with free text not yet removed): Query byRetentionDay retentionDay=<YYYY-MM-DD> (retentionSk=<sub>/<invitation>)',
        "a campaign's free-text answers: Query pk=CAMPAIGN#<id>, sk begins_with COMMENT# (staff reads are recorded in the access log)",
        'domain events not yet published (outbox, sharded, one item per change): Query pk=OUTBOX#<shard>, sk < <now - 60 s> (sk=<written at>#<inv id>[:reminder])',
        'outbox items the relay gave up on (quarantined, for an operator to release): Query pk=OUTBOX#QUARANTINE',
      ],
    },
  },
  queues: {},
  functions: {
    surveysOutboxStream: outboxStreamFunction({ logicalId: 'SurveysOutboxStreamFunction', entry: 'functions/surveys-outbox-stream/handler.ts', table: 'surveys' }),
    surveys: {
      logicalId: 'SurveysFunction',
      entry: 'functions/surveys/handler.ts',
      description: 'Satisfaction surveys: current survey, responses, definitions and results',
      memorySize: 512,
      timeoutSeconds: 10,
      tables: { surveys: 'readWrite', figures: 'readWrite', accessLog: 'append' },
      usesDataKey: true,
      usesPseudonymKey: true,
      // Raises survey.invited (the monthly sample drawn on sight) through its outbox: the stream relay publishes it.
    },
    surveyCampaign: {
      logicalId: 'SurveyCampaignFunction',
      entry: 'functions/survey-campaign/handler.ts',
      description: "Scheduled: opens the month's survey campaigns, closes finished ones with their verdict, reminds the invited who have not answered, relays the outbox",
      memorySize: 256,
      timeoutSeconds: 60,
      tables: { surveys: 'readWrite', figures: 'read' },
      usesDataKey: false,
      // survey.reminder-due, and the events requests left in the outbox.
      publishesEvents: true,
    },
    surveyEvents: {
      logicalId: 'SurveyEventsFunction',
      entry: 'functions/survey-events/handler.ts',
      description: 'Consumer of complaint.resolved: invites the owner to the post-resolution survey',
      memorySize: 256,
      timeoutSeconds: 30,
      tables: { surveys: 'readWrite', figures: 'readWrite', complaints: 'read' },
      usesDataKey: false,
      // Raises survey.invited (the post-resolution survey) through its outbox: the stream relay publishes it.
    },
  },
  routes: [
    { method: 'GET', path: '/v1/surveys/current', function: 'surveys', caller: 'person' },
    { method: 'PUT', path: '/v1/surveys/{id}/response', function: 'surveys', caller: 'person' },
    { method: 'POST', path: '/v1/survey-definitions', function: 'surveys', caller: 'person', roles: definitionEditorRoles },
    { method: 'GET', path: '/v1/survey-definitions/{kind}', function: 'surveys', caller: 'person', roles: surveyStaffRoles },
    { method: 'GET', path: '/v1/figures/surveys', function: 'surveys', caller: 'person', roles: surveyStaffRoles },
    { method: 'GET', path: '/v1/survey-campaigns/{id}/comments', function: 'surveys', caller: 'person', roles: surveyStaffRoles },
  ],
  jobs: {
    'survey-campaign': {
      function: 'surveyCampaign',
      schedule: 'rate(1 hour)',
      description:
        "Opens the month's survey campaigns on the first run of a month; closes finished ones with their verdict; sends the one reminder before a survey closes; relays the surveys' outbox",
    },
  },
  eventRules: {
    complaintResolvedSurvey: {
      logicalId: 'ComplaintResolvedSurveyRule',
      function: 'surveyEvents',
      sources: ['user-protection.customer-service'],
      detailTypes: ['complaint.resolved'],
      description: 'Every resolved complaint invites its owner to the post-resolution survey',
      retryAttempts: 8,
      maxEventAgeHours: 24,
    },
  },
} as const satisfies ContextManifest;
