// Sample cards for the contracts test (cards.test.ts), keyed by template name: every file in
// cards/ and cards/parts/ ('parts/<name>'). Each sample draws the card through its real pure view
// with plain data: the fullest realistic content, and one sample per button set.
//
// To add a card: write its samples in samples/<group>.ts (or here), spread them into CARD_SAMPLES,
// and take its name out of TODO_SAMPLES. A template with no sample fails the contracts test.
import type { Card } from '../../src/feishu/answer.js';
import { assessmentSamples } from './samples/assessment.js';
import { importPreviewSamples } from './samples/import-preview.js';
import { inspectionSamples } from './samples/inspection.js';
import { landSamples } from './samples/land.js';
import { leadSamples } from './samples/lead.js';
import { meetingIssueSamples } from './samples/meeting-issue.js';
import { meetingSamples } from './samples/meeting.js';
import { monthlyReportSamples } from './samples/monthly-report.js';
import { officeSettingsSamples } from './samples/office-settings.js';
import { packagedSamples } from './samples/packaged.js';
import { partSamples } from './samples/parts.js';
import { projectSamples } from './samples/projects.js';
import { reportingListSamples } from './samples/reporting-lists.js';
import { reportingSamples } from './samples/reporting.js';
import { reviewSamples } from './samples/review.js';
import { tripSamples } from './samples/trips.js';

/** Builds one rendered card. */
export type Sample = () => Card | Promise<Card>;
/** Template name → sample name → sample. */
export type SampleTable = Record<string, Record<string, Sample>>;

export const CARD_SAMPLES: SampleTable = {
  ...monthlyReportSamples,
  ...tripSamples,
  ...leadSamples,
  ...partSamples,
  ...projectSamples,
  ...reviewSamples,
  ...importPreviewSamples,
  ...landSamples,
  ...packagedSamples,
  ...reportingSamples,
  ...reportingListSamples,
  ...officeSettingsSamples,
  ...inspectionSamples,
  ...meetingIssueSamples,
  ...assessmentSamples,
  ...meetingSamples,
};

/**
 * TODO_SAMPLES: templates whose view is not ready yet (a card.json with no pure view to draw it).
 * They have no samples, so the contracts test FAILS for each of them (it does not skip). Write
 * their samples once the view is merged, and remove them from this list.
 */
export const TODO_SAMPLES: readonly string[] = [];
