// ECharts with only the parts the timeline uses, so the bundle carries no unused chart types.
// The components are reached through their namespace so each is named once; the bundler still
// keeps only the ones used here.

import { LineChart, type LineSeriesOption } from 'echarts/charts';
import * as components from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  LineChart,
  components.AxisPointerComponent,
  components.BrushComponent,
  components.DataZoomComponent,
  components.DatasetComponent,
  components.GridComponent,
  components.LegendComponent,
  components.MarkAreaComponent,
  components.MarkLineComponent,
  components.TitleComponent,
  components.TooltipComponent,
  CanvasRenderer,
]);

/** The option type covering exactly the registered parts. */
export type ChartOption = echarts.ComposeOption<
  | LineSeriesOption
  | components.BrushComponentOption
  | components.DataZoomComponentOption
  | components.DatasetComponentOption
  | components.GridComponentOption
  | components.LegendComponentOption
  | components.MarkAreaComponentOption
  | components.MarkLineComponentOption
  | components.TitleComponentOption
  | components.TooltipComponentOption
>;

export { echarts };
