// The instance list element reports a row click through a Blazor callback (ViewWorkflowInstance) that a plain page
// cannot wire (docs/studio.md), so the page opens the clicked instance in our viewer itself: the row's ID cell holds the id.
(function () {
    const list = document.querySelector('elsa-workflow-instance-list');
    if (!list) return;
    list.addEventListener('click', function (e) {
        if (e.target.closest('input, button, .mud-checkbox, .mud-menu, a')) return;
        const row = e.target.closest('tbody tr');
        if (!row) return;
        const id = Array.from(row.querySelectorAll('td')).map(td => td.innerText.trim()).find(t => /^[A-Za-z0-9][A-Za-z0-9._-]{7,127}$/.test(t));
        if (id) location.href = '/studio/instances/' + encodeURIComponent(id);
    });
})();
