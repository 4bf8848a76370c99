// A chosen file larger than the server takes (data-max-bytes) is refused before it is sent, in the page's language
// (data-too-large): the form will not submit until another file is chosen (Web/Display/UploadLimits.cs).
for (const input of document.querySelectorAll('input[type=file][data-max-bytes]')) {
  input.addEventListener('change', () => {
    const tooLarge = [...input.files].some(file => file.size > Number(input.dataset.maxBytes));
    input.setCustomValidity(tooLarge ? input.dataset.tooLarge : '');
    if (tooLarge) input.reportValidity();
  });
}
