// Shows the validation findings that our Elsa API adds to the answers of save and publish (docs/studio.md): the Studio
// reads only what it knows, so the page watches the editor's own calls and lists what came back.
(function () {
    const panel = document.getElementById('studio-findings');
    if (!panel) return;
    const list = panel.querySelector('ul');
    const watched = /\/elsa\/api\/workflow-definitions(\/[^/]+\/publish)?$/;
    const original = window.fetch;
    window.fetch = async function (input, init) {
        const response = await original.apply(this, arguments);
        try {
            const url = new URL(typeof input === 'string' ? input : input.url, location.href);
            const method = ((init && init.method) || (typeof input === 'string' ? 'GET' : input.method) || 'GET').toUpperCase();
            if (method === 'POST' && watched.test(url.pathname)) show(await response.clone().json());
        } catch (e) { /* not JSON: nothing to show */ }
        return response;
    };
    function show(body) {
        const findings = (body && body.findings) || [];
        list.replaceChildren();
        for (const f of findings) {
            const item = document.createElement('li');
            item.className = f.severity;
            item.textContent = f.messageZh + ' / ' + f.messageEn;
            list.appendChild(item);
        }
        panel.hidden = findings.length === 0;
    }
})();
