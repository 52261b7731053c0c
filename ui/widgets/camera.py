"""Taking a photo with the terminal's camera (QtMultimedia, imported only when opened)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog, QHBoxLayout, QVBoxLayout, QWidget

from ui.widgets.touch import button


class CameraDialog(QDialog):
    """A viewfinder with one big shutter button; emits ``captured(QImage)``."""

    captured = Signal(QImage)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        self.setWindowTitle(self.tr("Take photo"))
        self.resize(900, 640)
        self.session = QMediaCaptureSession(self)
        self.camera = QCamera(self)
        self.capture = QImageCapture(self)
        self.viewfinder = QVideoWidget()
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.session.setVideoOutput(self.viewfinder)
        self.capture.imageCaptured.connect(self._taken)
        layout = QVBoxLayout(self)
        layout.addWidget(self.viewfinder, 1)
        row = QHBoxLayout()
        cancel = button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        shutter = button(self.tr("Take photo"), "primary")
        shutter.setMinimumHeight(72)
        shutter.clicked.connect(lambda: self.capture.capture())
        row.addWidget(cancel)
        row.addWidget(shutter, 1)
        layout.addLayout(row)
        self.camera.start()

    def _taken(self, _id: int, image: QImage) -> None:
        self.camera.stop()
        self.captured.emit(image)
        self.accept()
