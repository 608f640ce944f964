// The manager's dashboard (/dashboard): draws the charts from the JSON the page embeds in #dashboard-data.
// Every chart has a data table next to it, so nothing here is needed to read the figures.
(function () {
    'use strict';
    var source = document.getElementById('dashboard-data');
    if (!source || typeof window.Chart === 'undefined') {
        return;
    }
    var data = JSON.parse(source.textContent);
    var Chart = window.Chart;

    // NHS identity colours.
    var colours = ['#005eb8', '#00a499', '#ffb81c', '#330072', '#768692', '#d5281b'];
    Chart.defaults.font.family = 'Frutiger W01, Arial, sans-serif';
    var narrow = window.matchMedia('(max-width: 40.0525em)').matches;
    Chart.defaults.font.size = narrow ? 12 : 14;
    Chart.defaults.color = '#212b32';
    Chart.defaults.plugins.legend.position = 'bottom';
    Chart.defaults.plugins.legend.labels.boxWidth = 16;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.animation = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 };

    function whole(axis) {
        axis.beginAtZero = true;
        axis.ticks = { precision: 0 };
        return axis;
    }

    var referrals = document.getElementById('chart-referrals');
    if (referrals) {
        new Chart(referrals, {
            type: 'bar',
            data: {
                labels: data.months,
                datasets: data.referrals.map(function (route, i) {
                    return { label: route.label, data: route.counts, backgroundColor: colours[i % colours.length] };
                })
            },
            options: {
                scales: { x: { stacked: true, grid: { display: false } }, y: whole({ stacked: true, title: { display: true, text: 'Referrals' } }) },
                plugins: { tooltip: { mode: 'index', intersect: false } }
            }
        });
    }

    var sessions = document.getElementById('chart-sessions');
    if (sessions) {
        new Chart(sessions, {
            type: 'bar',
            data: {
                labels: data.months,
                datasets: [
                    { label: 'Attended', data: data.sessions.attended, backgroundColor: '#007f3b', stack: 'sessions', order: 2 },
                    { label: 'Did not attend', data: data.sessions.didNotAttend, backgroundColor: '#d5281b', stack: 'sessions', order: 2 },
                    { label: 'Cancelled', data: data.sessions.cancelled, backgroundColor: '#aeb7bd', stack: 'sessions', order: 2 },
                    {
                        label: 'Did not attend rate (%)', data: data.sessions.dnaRate, type: 'line', yAxisID: 'rate',
                        borderColor: '#212b32', backgroundColor: '#212b32', borderWidth: 2, pointRadius: 3, spanGaps: true, order: 1
                    }
                ]
            },
            options: {
                scales: {
                    x: { stacked: true, grid: { display: false } },
                    y: whole({ stacked: true, title: { display: true, text: 'Sessions' } }),
                    rate: {
                        position: 'right', beginAtZero: true, suggestedMax: 20, grid: { drawOnChartArea: false },
                        title: { display: !narrow, text: 'Did not attend rate' },
                        ticks: { callback: function (value) { return value + '%'; } }
                    }
                },
                plugins: { tooltip: { mode: 'index', intersect: false } }
            }
        });
    }

    var capacity = document.getElementById('chart-capacity');
    if (capacity && data.capacity.length > 0) {
        // One band per therapist: the frame grows with the list so the bars stay readable.
        document.getElementById('capacity-frame').style.height = (data.capacity.length * 44 + 90) + 'px';
        new Chart(capacity, {
            type: 'bar',
            data: {
                labels: data.capacity.map(function (t) { return t.name; }),
                datasets: [
                    {
                        label: 'Open cases', data: data.capacity.map(function (t) { return t.open; }),
                        backgroundColor: data.capacity.map(function (t) { return t.open > t.capacity ? '#d5281b' : '#005eb8'; })
                    },
                    { label: 'Capacity', data: data.capacity.map(function (t) { return t.capacity; }), backgroundColor: '#aeb7bd' }
                ]
            },
            options: {
                indexAxis: 'y',
                scales: { x: whole({ title: { display: true, text: 'Cases' } }), y: { grid: { display: false } } },
                plugins: { tooltip: { mode: 'index', intersect: false } }
            }
        });
    }
})();
