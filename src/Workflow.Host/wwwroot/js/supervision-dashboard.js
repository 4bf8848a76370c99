// Draws the supervision dashboard's charts with Apache ECharts (served locally, docs/supervision.md); a click on a
// bar opens the cases and steps behind it.
(function () {
    const data = JSON.parse(document.getElementById('chart-data').textContent);
    const charts = [];
    function chart(id, option, onClick) {
        const el = document.getElementById(id);
        if (!el || !window.echarts) return;
        const c = echarts.init(el, null, { renderer: 'canvas' });
        c.setOption(option);
        if (onClick) c.on('click', onClick);
        el.dataset.drawn = 'true';
        charts.push(c);
    }
    const names = data.departments.map(d => d.name);
    chart('chart-cards', {
        title: { text: el('chart-cards').title, left: 0, textStyle: { fontSize: 13 } },
        tooltip: {}, legend: { top: 24, right: 0 }, grid: { top: 60 },
        xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: 30 } }, yAxis: { type: 'value', minInterval: 1 },
        series: [
            { name: data.labels.yellow, type: 'bar', stack: 'cards', color: '#f2b705', data: data.departments.map(d => d.yellow) },
            { name: data.labels.red, type: 'bar', stack: 'cards', color: '#c62828', data: data.departments.map(d => d.red) },
        ],
    }, p => { const d = data.departments[p.dataIndex]; location.href = p.seriesIndex === 0 ? d.yellowLink : d.redLink; });
    chart('chart-trend', {
        title: { text: el('chart-trend').title, left: 0, textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis' }, legend: { top: 24, right: 0 }, grid: { top: 60 },
        xAxis: { type: 'category', data: data.weeks.map(w => w.week) },
        yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => Math.round(v * 100) + '%' } },
        series: [
            { name: data.labels.promised, type: 'line', connectNulls: true, data: data.weeks.map(w => w.promisedRate) },
            { name: data.labels.statutory, type: 'line', connectNulls: true, data: data.weeks.map(w => w.statutoryRate) },
        ],
    });
    const ranked = data.departments.filter(d => d.promised !== null).sort((a, b) => a.promised - b.promised);
    chart('chart-ranking', {
        title: { text: el('chart-ranking').title, textStyle: { fontSize: 13 } },
        tooltip: {}, grid: { left: 120, top: 40 },
        xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: v => Math.round(v * 100) + '%' } },
        yAxis: { type: 'category', data: ranked.map(d => d.name) },
        series: [{ name: data.labels.promised, type: 'bar', color: '#1f4e79', data: ranked.map(d => d.promised) }],
    }, p => { location.href = ranked[p.dataIndex].lateLink; });
    window.addEventListener('resize', () => charts.forEach(c => c.resize()));
    function el(id) { return document.getElementById(id); }
})();
