// The whole database as Kysely sees it: each module declares its own tables.
import type { AuditLogTable } from '../audit/audit.tables.js';
import type { EventHostsTable, EventsTable } from '../../modules/events/events.tables.js';
import type { AgendaItemPeopleTable, AgendaItemsTable, ProgramPeopleTable } from '../../modules/program/program.tables.js';
import type { ApiTokensTable, EventTeamTable, LoginChallengesTable, LoginTokensTable, OrganizersTable, RecoveryCodesTable, SessionsTable } from '../../modules/access/access.tables.js';
import type { SitePagesTable } from '../../modules/site/site.tables.js';
import type { LiveFeedTable, LiveRoomsTable, LiveSessionsTable } from '../../modules/live/live.tables.js';
import type { MailTemplatesTable, OutboxTable } from '../../modules/messaging/messaging.tables.js';
import type { MailSchedulesTable } from '../../modules/messaging/schedules.tables.js';
import type { BroadcastsTable } from '../../modules/messaging/broadcasts.tables.js';
import type { QaSettingsTable, QuestionVotesTable, QuestionsTable } from '../../modules/qa/qa.tables.js';
import type {
  BoardItemsTable, NetworkingAbsencesTable, NetworkingGroupsTable, NetworkingMembersTable, NetworkingRoundsTable, OutcomeReportsTable,
} from '../../modules/networking/networking.tables.js';
import type {
  ChallengePracticesTable, ChallengeVotesTable, ChallengesTable, ContactMessagesTable, LabsTable, MemberSessionsTable, MemberSignInLinksTable, MembersTable, PracticeLabsTable, PracticesTable,
} from '../../modules/community/community.tables.js';
import type { EventRetentionTable } from '../../modules/privacy/privacy.tables.js';
import type {
  RegistrationAnswersTable, RegistrationPoliciesTable, RegistrationQuestionsTable, RegistrationsTable, RegistrationTokensTable,
  RegistrationImportsTable,
} from '../../modules/registration/registration.tables.js';

export interface Schema {
  audit_log: AuditLogTable;
  events: EventsTable;
  event_hosts: EventHostsTable;
  program_people: ProgramPeopleTable;
  agenda_items: AgendaItemsTable;
  agenda_item_people: AgendaItemPeopleTable;
  organizers: OrganizersTable;
  login_tokens: LoginTokensTable;
  login_challenges: LoginChallengesTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  event_team: EventTeamTable;
  api_tokens: ApiTokensTable;
  site_pages: SitePagesTable;
  outbox: OutboxTable;
  mail_templates: MailTemplatesTable;
  mail_schedules: MailSchedulesTable;
  broadcasts: BroadcastsTable;
  registrations: RegistrationsTable;
  registration_tokens: RegistrationTokensTable;
  registration_policies: RegistrationPoliciesTable;
  registration_questions: RegistrationQuestionsTable;
  registration_answers: RegistrationAnswersTable;
  registration_imports: RegistrationImportsTable;
  live_rooms: LiveRoomsTable;
  live_sessions: LiveSessionsTable;
  live_feed: LiveFeedTable;
  qa_settings: QaSettingsTable;
  questions: QuestionsTable;
  question_votes: QuestionVotesTable;
  networking_rounds: NetworkingRoundsTable;
  networking_groups: NetworkingGroupsTable;
  networking_members: NetworkingMembersTable;
  networking_absences: NetworkingAbsencesTable;
  board_items: BoardItemsTable;
  outcome_reports: OutcomeReportsTable;
  labs: LabsTable;
  members: MembersTable;
  member_sessions: MemberSessionsTable;
  member_sign_in_links: MemberSignInLinksTable;
  practices: PracticesTable;
  practice_labs: PracticeLabsTable;
  challenges: ChallengesTable;
  challenge_votes: ChallengeVotesTable;
  challenge_practices: ChallengePracticesTable;
  contact_messages: ContactMessagesTable;
  event_retention: EventRetentionTable;
}
