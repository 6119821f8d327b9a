// The patient's plots: points of ANC, platelets and ALT/AST (x ULN), the label's bands behind them
// (colour by action), the start thresholds as dashed lines and the doses as vertical lines. All data come
// from the page (#timeline-data), which the console built from the services' answers.
(function () {
  'use strict';
  var element = document.getElementById('timeline-data');
  if (!element || !window.echarts) {
    return;
  }
  var data = JSON.parse(element.textContent);
  var bandColour = {
    CONTINUE: 'rgba(46, 125, 50, 0.14)', MONITOR: 'rgba(230, 160, 0, 0.20)', REDUCE_DOSE: 'rgba(230, 100, 0, 0.22)',
    INTERRUPT: 'rgba(230, 100, 0, 0.28)', DISCONTINUE: 'rgba(198, 40, 40, 0.24)', DO_NOT_START: 'rgba(97, 97, 97, 0.2)'
  };
  var lineColour = ['#0b4fb3', '#7a1fa2'];

  function escape(text) {
    return String(text == null ? '' : text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function tooltip(params) {
    var p = params.data && params.data.point;
    if (!p) {
      return escape(params.name || (params.data && params.data.name) || '');
    }
    return '<strong>' + escape(params.seriesName) + ' ' + escape(p.value) + ' ' + escape(p.unit) + '</strong> (' + escape(p.t) + ')<br>'
      + 'Band: ' + escape(p.band || 'not graded') + (p.action ? ' - ' + escape(p.action) : '') + '<br>'
      + 'Rule: ' + escape(p.ruleId || '-') + '<br>'
      + 'Source: ' + escape(p.source || '-') + '<br>'
      + 'Knowledge: ' + escape(p.knowledgeVersion || '-');
  }

  window.timelineCharts = {};
  data.plots.forEach(function (plot) {
    var container = document.getElementById('chart-' + plot.id);
    if (!container) {
      return;
    }
    var values = [];
    var times = [];
    plot.series.forEach(function (s) {
      s.points.forEach(function (p) {
        if (p.y !== null) {
          values.push(p.y);
          times.push(p.t);
        }
      });
    });
    data.doses.forEach(function (d) { times.push(d.t); });
    plot.bands.forEach(function (b) {
      if (b.from !== null) { values.push(b.from); }
      if (b.to !== null) { values.push(b.to); }
    });
    plot.startThresholds.forEach(function (t) { values.push(t.value); });
    var top = values.length ? Math.max.apply(null, values) * 1.25 : 1;
    var chart = echarts.init(container, null, { renderer: 'canvas' });
    var series = plot.series.map(function (s, i) {
      return {
        name: s.name, type: 'line', symbol: 'circle', symbolSize: 9, showSymbol: true, color: lineColour[i % 2],
        data: s.points.filter(function (p) { return p.y !== null; }).map(function (p) { return { value: [p.t, p.y], point: p }; })
      };
    });
    series.push({
      name: 'Label bands', type: 'line', data: [], silent: false,
      markArea: {
        silent: false,
        label: { show: true, position: 'insideRight', color: '#1b1b1b', fontSize: 11 },
        data: plot.bands.map(function (b) {
          return [{ name: b.label + ': ' + b.action + ' (' + b.ruleId + ')', yAxis: b.from === null ? 0 : b.from,
            itemStyle: { color: bandColour[b.action] || 'rgba(0,0,0,0.08)' }, band: b },
            { yAxis: b.to === null ? top : b.to }];
        })
      },
      markLine: {
        symbol: 'none',
        label: { show: true, color: '#1b1b1b', fontSize: 11 },
        data: plot.startThresholds.map(function (t) {
          return { name: t.label + ' (' + t.ruleId + ')', yAxis: t.value, lineStyle: { type: 'dashed', color: '#444' },
            label: { formatter: t.label, position: 'insideStartTop' } };
        }).concat(data.doses.map(function (d) {
          return { name: d.label, xAxis: d.t, lineStyle: { type: 'solid', color: '#12263f', width: 1.5 },
            label: { formatter: d.label, position: 'end' } };
        }))
      }
    });
    chart.setOption({
      animation: false,
      grid: { left: 70, right: 110, top: 30, bottom: 40 },
      legend: { top: 0, data: plot.series.map(function (s) { return s.name; }) },
      tooltip: { trigger: 'item', formatter: tooltip },
      xAxis: { type: 'time', min: times.length ? undefined : null },
      yAxis: { type: 'value', name: plot.unit, min: 0, max: Math.ceil(top) },
      series: series
    });
    window.timelineCharts[plot.id] = chart;
    window.addEventListener('resize', function () { chart.resize(); });
  });
})();
