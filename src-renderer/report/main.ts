// The exported report's entry: reads the document embedded in the page and mounts the viewer. A
// document it cannot read is said in the page, in words, instead of a blank screen.

import { mount } from 'svelte';
import { reportDataElementId } from '../../src-shared/report/report-data';
import ReportApp from './ReportApp.svelte';
import { ReportFormatError, readReportData } from './unpack';
import '../styles/app.css';
import './report.css';

function showProblem(target: HTMLElement, message: string): void {
  const box = document.createElement('div');
  box.className = 'report-problem';
  box.setAttribute('role', 'alert');
  const title = document.createElement('strong');
  title.textContent = 'This report cannot be shown';
  const text = document.createElement('p');
  text.textContent = message;
  box.append(title, text);
  target.replaceChildren(box);
}

const target = document.getElementById('app');
if (target) {
  try {
    const text = document.getElementById(reportDataElementId)?.textContent ?? '';
    mount(ReportApp, { target, props: { data: readReportData(text) } });
  } catch (error) {
    showProblem(
      target,
      error instanceof ReportFormatError ? error.message : `The viewer failed: ${(error as Error).message}`,
    );
    if (!(error instanceof ReportFormatError)) throw error;
  }
}
